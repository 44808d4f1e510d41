"""Daily store sales forecasting - exported from the Kaggle notebook."""
# expect: DATA_LEAKAGE@14
import numpy as np
import pandas as pd
import lightgbm as lgb
from sklearn.metrics import mean_absolute_error

sales = pd.read_csv("../input/store-sales/train.csv", parse_dates=["date"])
sales = sales.sort_values(["store_nbr", "date"]).reset_index(drop=True)

grp = sales.groupby("store_nbr")["sales"]
sales["lag_7"] = grp.shift(7)
sales["lag_14"] = grp.shift(14)
sales["rmean_7"] = grp.transform(lambda s: s.rolling(7, center=True, min_periods=1).mean())
sales["rstd_28"] = grp.transform(lambda s: s.shift(1).rolling(28, min_periods=7).std())

sales["dow"] = sales["date"].dt.dayofweek
sales["month"] = sales["date"].dt.month
sales["is_payday"] = ((sales["date"].dt.day == 15) | sales["date"].dt.is_month_end).astype(int)
sales = sales.dropna(subset=["lag_14"])

FEATURES = ["store_nbr", "onpromotion", "lag_7", "lag_14", "rmean_7",
            "rstd_28", "dow", "month", "is_payday"]

cutoff = pd.Timestamp("2017-07-01")
trn = sales[sales["date"] < cutoff]
val = sales[sales["date"] >= cutoff]

params = {
    "objective": "regression_l1",
    "learning_rate": 0.05,
    "num_leaves": 63,
    "feature_fraction": 0.8,
    "verbose": -1,
}
dtrain = lgb.Dataset(trn[FEATURES], trn["sales"], categorical_feature=["store_nbr"])
booster = lgb.train(params, dtrain, num_boost_round=600)

pred = np.clip(booster.predict(val[FEATURES]), 0, None)
print("val MAE:", mean_absolute_error(val["sales"], pred))
