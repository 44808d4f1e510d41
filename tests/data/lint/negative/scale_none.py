# expect: no SCALING_ERROR
import numpy as np
from sklearn.neighbors import KNeighborsRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.model_selection import train_test_split
from sklearn.metrics import mean_absolute_error
rng = np.random.default_rng(0)
income = rng.normal(60000, 15000, 500)
age = rng.normal(40, 10, 500)
X = np.column_stack([income, age]); y = 0.3 * age + rng.normal(0, 1, 500)
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
m = make_pipeline(StandardScaler(), KNeighborsRegressor(n_neighbors=7)).fit(X_train, y_train)
print(mean_absolute_error(y_test, m.predict(X_test)))
