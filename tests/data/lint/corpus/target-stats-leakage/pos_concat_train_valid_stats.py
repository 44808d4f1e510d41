# expect: DATA_LEAKAGE@10-11
import pandas as pd
import lightgbm as lgb
from sklearn.metrics import mean_squared_log_error

train = pd.read_csv("train.csv", parse_dates=["date"])
valid = pd.read_csv("valid.csv", parse_dates=["date"])

full = pd.concat([train, valid], ignore_index=True)
store_mean = full.groupby("store_nbr")["sales"].mean()
family_mean = full.groupby("family")["sales"].mean()
for part in (train, valid):
    part["store_mean"] = part["store_nbr"].map(store_mean)
    part["family_mean"] = part["family"].map(family_mean)
    part["dow"] = part["date"].dt.dayofweek

cols = ["store_mean", "family_mean", "dow", "onpromotion"]
reg = lgb.LGBMRegressor(n_estimators=1000, learning_rate=0.05, objective="tweedie")
reg.fit(train[cols], train["sales"])
pred = reg.predict(valid[cols]).clip(min=0)
print("RMSLE:", mean_squared_log_error(valid["sales"], pred) ** 0.5)
