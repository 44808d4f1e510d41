# expect: DATA_LEAKAGE@27
# %% [markdown]
# # Daily PV output model - site PV-07
# Inverter SCADA export joined with the met-station daily summary.

# %%
import numpy as np
import pandas as pd
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.metrics import mean_absolute_error

# %%
df = pd.read_parquet("exports/pv07_daily.parquet")
df["date"] = pd.to_datetime(df["date"])
df = df.sort_values("date").reset_index(drop=True)
df.head()

# %%
doy = df["date"].dt.dayofyear
df["doy_sin"] = np.sin(2 * np.pi * doy / 365.25)
df["doy_cos"] = np.cos(2 * np.pi * doy / 365.25)

df["energy_lag1"] = df["energy_kwh"].shift(1)
df["energy_lag7"] = df["energy_kwh"].shift(7)
df["ghi_lag1"] = df["ghi_wm2"].shift(1)
df["ghi_trend"] = df["ghi_wm2"].shift(1) - df["ghi_wm2"].shift(2)
df["cloud_next"] = df["cloud_cover_pct"].shift(-1)
df["temp_lag1"] = df["temp_max_c"].shift(1)
df = df.dropna().reset_index(drop=True)

# %%
FEATURES = [
    "doy_sin", "doy_cos", "energy_lag1", "energy_lag7",
    "ghi_lag1", "ghi_trend", "cloud_next", "temp_lag1",
]
cutoff = pd.Timestamp("2023-01-01")
train = df[df["date"] < cutoff]
test = df[df["date"] >= cutoff]
print(len(train), len(test))

# %%
gbr = GradientBoostingRegressor(
    n_estimators=400, learning_rate=0.05, max_depth=3, subsample=0.8, random_state=11
)
gbr.fit(train[FEATURES], train["energy_kwh"])
pred = gbr.predict(test[FEATURES])
print("MAE kWh:", round(mean_absolute_error(test["energy_kwh"], pred), 1))

# %%
imp = pd.Series(gbr.feature_importances_, index=FEATURES).sort_values(ascending=False)
imp
