# expect: DATA_LEAKAGE@16
import lightgbm as lgb
import numpy as np
import pandas as pd
from sklearn.metrics import mean_absolute_error

fit_df = pd.read_parquet("rides_2023h1.parquet")
holdout = pd.read_parquet("rides_2023h2.parquet")
cols = ["distance_km", "pickup_hour", "dow", "pickup_zone_id", "temp_c", "rain_mm"]

dtrain = lgb.Dataset(fit_df[cols], fit_df["duration_min"], categorical_feature=["pickup_zone_id"])
dhold = lgb.Dataset(holdout[cols], holdout["duration_min"], reference=dtrain)
params = {"objective": "l1", "learning_rate": 0.05, "num_leaves": 127, "min_data_in_leaf": 50}
booster = lgb.train(
    params, dtrain, num_boost_round=10000,
    valid_sets=[dhold], callbacks=[lgb.early_stopping(200), lgb.log_evaluation(500)],
)
pred = booster.predict(holdout[cols], num_iteration=booster.best_iteration)
print("H2 MAE (min):", mean_absolute_error(holdout["duration_min"], pred))
print("p90 abs err:", np.percentile(np.abs(holdout["duration_min"] - pred), 90))
