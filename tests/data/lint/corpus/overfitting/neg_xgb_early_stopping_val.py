# expect: NONE
import pandas as pd
from sklearn.metrics import mean_absolute_error
from sklearn.model_selection import train_test_split
from xgboost import XGBRegressor

plants = pd.read_csv("solar_sites.csv")
X = plants.drop(columns=["site_id", "annual_mwh"])
y = plants["annual_mwh"]
X_dev, X_hold, y_dev, y_hold = train_test_split(X, y, test_size=0.2, random_state=8)
X_fit, X_val, y_fit, y_val = train_test_split(X_dev, y_dev, test_size=0.2, random_state=8)

reg = XGBRegressor(n_estimators=5000, max_depth=6, learning_rate=0.03, subsample=0.8,
                   colsample_bytree=0.8, min_child_weight=5, early_stopping_rounds=100)
reg.fit(X_fit, y_fit, eval_set=[(X_val, y_val)], verbose=False)
print("best iteration:", reg.best_iteration)
print("holdout MAE:", mean_absolute_error(y_hold, reg.predict(X_hold)))
