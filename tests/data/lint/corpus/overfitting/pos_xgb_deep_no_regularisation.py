# expect: OVERFITTING@14-18
import numpy as np
import pandas as pd
from sklearn.metrics import mean_absolute_error
from sklearn.model_selection import train_test_split
from xgboost import XGBRegressor

plants = pd.read_csv("solar_sites.csv")
X = plants.drop(columns=["site_id", "annual_mwh"])
y = plants["annual_mwh"]
X_fit, X_hold, y_fit, y_hold = train_test_split(X, y, test_size=0.2, random_state=8)

reg = XGBRegressor(
    n_estimators=3000,
    max_depth=16,
    learning_rate=0.3,
    min_child_weight=0,
    reg_lambda=0.0,
)
reg.fit(X_fit, y_fit)
print("holdout MAE:", mean_absolute_error(y_hold, reg.predict(X_hold)))
print("holdout MAPE:", np.mean(np.abs(reg.predict(X_hold) / y_hold - 1)))
