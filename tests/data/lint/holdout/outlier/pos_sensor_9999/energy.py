# expect: OUTLIER@10-11
from pathlib import Path

import pandas as pd
from sklearn.linear_model import LinearRegression
from sklearn.metrics import mean_absolute_error, r2_score

DATA = Path(__file__).parent / "data" / "readings.csv"

readings = pd.read_csv(DATA, parse_dates=["timestamp"])
readings = readings.dropna(subset=["temperature", "humidity"])

hourly = (
    readings.set_index("timestamp")
    .groupby("unit")
    .resample("1h")[["temperature", "humidity", "energy_kwh"]]
    .mean()
    .reset_index()
)
hourly["hour"] = hourly["timestamp"].dt.hour
hourly["temp_x_hum"] = hourly["temperature"] * hourly["humidity"] / 100.0

cut = hourly["timestamp"].quantile(0.8)
train = hourly[hourly["timestamp"] <= cut]
test = hourly[hourly["timestamp"] > cut]

cols = ["temperature", "humidity", "temp_x_hum", "hour"]
lin = LinearRegression().fit(train[cols], train["energy_kwh"])
pred = lin.predict(test[cols])

print("coefficients:", dict(zip(cols, lin.coef_.round(4))))
print("MAE:", round(mean_absolute_error(test["energy_kwh"], pred), 3))
print("R2 :", round(r2_score(test["energy_kwh"], pred), 3))
