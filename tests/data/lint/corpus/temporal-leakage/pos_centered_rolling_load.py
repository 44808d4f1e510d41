# expect: DATA_LEAKAGE@15
import numpy as np
import pandas as pd
from sklearn.linear_model import Ridge
from sklearn.metrics import mean_absolute_percentage_error

load = pd.read_parquet("grid_load_hourly.parquet")
load["ts"] = pd.to_datetime(load["ts"])
load = load.sort_values("ts").reset_index(drop=True)

load["hour"] = load["ts"].dt.hour
load["dow"] = load["ts"].dt.dayofweek
load["lag_24"] = load["mw"].shift(24)
load["lag_168"] = load["mw"].shift(168)
load["smooth_24"] = load["mw"].rolling(24, center=True).mean()
load["temp_sq"] = load["temp_c"] ** 2
load = load.dropna()

cols = ["hour", "dow", "lag_24", "lag_168", "smooth_24", "temp_c", "temp_sq"]
split_at = load["ts"].max() - pd.Timedelta(days=28)
past = load[load["ts"] <= split_at]
recent = load[load["ts"] > split_at]

reg = Ridge(alpha=3.0).fit(past[cols], past["mw"])
pred = reg.predict(recent[cols])
print("MAPE last 4 weeks:", mean_absolute_percentage_error(recent["mw"], pred))
print("mean abs resid:", np.abs(recent["mw"] - pred).mean())
