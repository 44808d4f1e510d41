# expect: OUTLIER@27
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.linear_model import LinearRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from sklearn.model_selection import train_test_split
from sklearn.metrics import mean_absolute_error, mean_squared_error

claims = pd.read_csv("data/claims.csv")
print(claims["loss"].describe())

num_cols = ["driver_age", "vehicle_age", "prior_claims"]
cat_cols = ["region", "coverage"]
X = claims[num_cols + cat_cols]
y = claims["loss"]

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=6)

severity = Pipeline([
    ("prep", ColumnTransformer([
        ("num", StandardScaler(), num_cols),
        ("cat", OneHotEncoder(drop="first"), cat_cols),
    ])),
    ("ols", LinearRegression()),
])
severity.fit(X_train, y_train)

pred = severity.predict(X_test)
print("MAE :", round(mean_absolute_error(y_test, pred), 1))
print("RMSE:", round(mean_squared_error(y_test, pred) ** 0.5, 1))

names = severity.named_steps["prep"].get_feature_names_out()
print(pd.Series(severity.named_steps["ols"].coef_, index=names).round(1))
