# expect: NONE
import matplotlib.pyplot as plt
import pandas as pd
from sklearn.linear_model import Ridge
from sklearn.metrics import mean_absolute_percentage_error

load = pd.read_parquet("grid_load_hourly.parquet")
load["ts"] = pd.to_datetime(load["ts"])
load = load.sort_values("ts").reset_index(drop=True)

# EDA: smoothed curve for the report only
smooth = load.set_index("ts")["mw"].rolling(24 * 7, center=True).mean()
ax = smooth.plot(figsize=(12, 4), title="weekly centred mean load")
ax.figure.savefig("load_trend.png")
plt.close(ax.figure)

load["hour"] = load["ts"].dt.hour
load["lag_24"] = load["mw"].shift(24)
load["lag_168"] = load["mw"].shift(168)
load = load.dropna()
cols = ["hour", "lag_24", "lag_168", "temp_c"]
split_at = load["ts"].max() - pd.Timedelta(days=28)
past, recent = load[load["ts"] <= split_at], load[load["ts"] > split_at]

reg = Ridge(alpha=3.0).fit(past[cols], past["mw"])
print("MAPE:", mean_absolute_percentage_error(recent["mw"], reg.predict(recent[cols])))
