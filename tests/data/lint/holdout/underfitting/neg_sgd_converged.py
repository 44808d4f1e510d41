# expect: NONE
import numpy as np
from sklearn.datasets import fetch_california_housing
from sklearn.linear_model import SGDRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import SplineTransformer, StandardScaler
from sklearn.model_selection import train_test_split
from sklearn.metrics import mean_absolute_error, r2_score

housing = fetch_california_housing(as_frame=True)
X, y = housing.data, housing.target

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=42)

# splines give the linear model enough flexibility for the non-linear lat/long effects
model = make_pipeline(
    StandardScaler(),
    SplineTransformer(n_knots=8, degree=3),
    SGDRegressor(loss="squared_error", penalty="l2", alpha=1e-5, max_iter=2000, tol=1e-4,
                 early_stopping=True, validation_fraction=0.1, n_iter_no_change=10, random_state=42),
)
model.fit(X_train, y_train)

pred = model.predict(X_test)
sgd = model[-1]
print("epochs run:", sgd.n_iter_)
print("MAE :", round(mean_absolute_error(y_test, pred), 4))
print("R2  :", round(r2_score(y_test, pred), 4))
np.save("sgd_coef.npy", sgd.coef_)
