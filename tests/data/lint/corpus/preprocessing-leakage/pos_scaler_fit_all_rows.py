# expect: DATA_LEAKAGE@11
import numpy as np
from sklearn.linear_model import SGDRegressor
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

X = np.loadtxt("turbine_features.csv", delimiter=",", skiprows=1)
y = np.loadtxt("turbine_power.csv", delimiter=",", skiprows=1)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)

sc = StandardScaler().fit(X)
X_train_s = sc.transform(X_train)
X_test_s = sc.transform(X_test)

sgd = SGDRegressor(penalty="l2", alpha=1e-4, max_iter=5000, tol=1e-6, random_state=0)
sgd.fit(X_train_s, y_train)
rmse = np.sqrt(np.mean((sgd.predict(X_test_s) - y_test) ** 2))
print(f"test RMSE: {rmse:.2f} kW")
