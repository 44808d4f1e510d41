# expect: NONE
import numpy as np
from sklearn.datasets import fetch_california_housing
from sklearn.linear_model import RidgeCV
from sklearn.metrics import mean_squared_error
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import SplineTransformer, StandardScaler

housing = fetch_california_housing(as_frame=True)
X_tr, X_te, y_tr, y_te = train_test_split(housing.data, housing.target, test_size=0.2, random_state=0)

model = make_pipeline(StandardScaler(), SplineTransformer(n_knots=5), RidgeCV(alphas=np.logspace(-3, 5, 17)))
model.fit(X_tr, y_tr)
print("alpha chosen:", model[-1].alpha_)
print("test RMSE:", np.sqrt(mean_squared_error(y_te, model.predict(X_te))))
