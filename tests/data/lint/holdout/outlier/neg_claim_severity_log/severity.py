# expect: NONE
import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer, TransformedTargetRegressor
from sklearn.linear_model import LinearRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from sklearn.model_selection import train_test_split
from sklearn.metrics import mean_absolute_error, median_absolute_error

claims = pd.read_csv("data/claims.csv")
print(claims["loss"].describe())

num_cols = ["driver_age", "vehicle_age", "prior_claims"]
cat_cols = ["region", "coverage"]
X = claims[num_cols + cat_cols]
y = claims["loss"]

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=6)

prep = ColumnTransformer([
    ("num", StandardScaler(), num_cols),
    ("cat", OneHotEncoder(drop="first"), cat_cols),
])
severity = TransformedTargetRegressor(
    regressor=Pipeline([("prep", prep), ("ols", LinearRegression())]),
    func=np.log, inverse_func=np.exp,
)
severity.fit(X_train, y_train)

pred = severity.predict(X_test)
print("MAE        :", round(mean_absolute_error(y_test, pred), 1))
print("median AE  :", round(median_absolute_error(y_test, pred), 1))
