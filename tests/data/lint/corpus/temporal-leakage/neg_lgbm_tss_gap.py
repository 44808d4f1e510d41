# expect: NONE
import lightgbm as lgb
import numpy as np
import pandas as pd
from sklearn.model_selection import TimeSeriesSplit

usage = pd.read_csv("api_calls_hourly.csv", parse_dates=["hour"]).sort_values("hour")
usage["lag_1"] = usage["calls"].shift(1)
usage["lag_24"] = usage["calls"].shift(24)
usage["mean_24"] = usage["calls"].shift(1).rolling(24).mean()
usage["hod"] = usage["hour"].dt.hour
usage["target_h6"] = usage["calls"].shift(-6)
usage = usage.dropna().reset_index(drop=True)

cols = ["lag_1", "lag_24", "mean_24", "hod"]
splitter = TimeSeriesSplit(n_splits=4, gap=6)
rmses = []
for tr, va in splitter.split(usage):
    a, b = usage.iloc[tr], usage.iloc[va]
    m = lgb.LGBMRegressor(n_estimators=400, learning_rate=0.05)
    m.fit(a[cols], a["target_h6"])
    rmses.append(np.sqrt(np.mean((b["target_h6"] - m.predict(b[cols])) ** 2)))
print("RMSE per fold:", np.round(rmses, 1))
