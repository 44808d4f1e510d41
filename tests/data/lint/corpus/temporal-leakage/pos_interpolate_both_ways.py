# expect: DATA_LEAKAGE@10-11
import pandas as pd
from sklearn.ensemble import ExtraTreesRegressor
from sklearn.metrics import mean_absolute_error

air = pd.read_csv("station_pm25.csv", parse_dates=["datetime"]).set_index("datetime")
air = air.sort_index()

met = ["temp", "humidity", "wind_speed", "pressure"]
air[met] = air[met].interpolate(method="time", limit_direction="both")
air["pm25"] = air["pm25"].interpolate(method="time", limit_direction="both")
air["pm25_lag1"] = air["pm25"].shift(1)
air["pm25_lag24"] = air["pm25"].shift(24)
air["target_next_6h"] = air["pm25"].shift(-6)
air = air.dropna()

X = air[met + ["pm25_lag1", "pm25_lag24"]]
y = air["target_next_6h"]
part1, part2 = X.loc[:"2022-12-31"], X.loc["2023-01-01":]
yt1, yt2 = y.loc[:"2022-12-31"], y.loc["2023-01-01":]

et = ExtraTreesRegressor(n_estimators=500, min_samples_leaf=2, random_state=11)
et.fit(part1, yt1)
print("MAE 2023:", mean_absolute_error(yt2, et.predict(part2)))
