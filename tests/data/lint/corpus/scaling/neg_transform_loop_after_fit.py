# expect: NONE
import pandas as pd
from sklearn.metrics import mean_absolute_error
from sklearn.neural_network import MLPRegressor
from sklearn.preprocessing import MinMaxScaler

SENSORS = ["t_inlet", "t_outlet", "flow", "pressure", "fan_rpm", "humidity"]

runs = pd.read_csv("chiller_runs.csv", parse_dates=["timestamp"]).sort_values("timestamp")
train = runs[runs.timestamp < "2023-07-01"].copy()
valid = runs[(runs.timestamp >= "2023-07-01") & (runs.timestamp < "2023-09-01")].copy()
test = runs[runs.timestamp >= "2023-09-01"].copy()

scaler = MinMaxScaler().fit(train[SENSORS])
for part in (train, valid, test):
    part[SENSORS] = scaler.transform(part[SENSORS])

mlp = MLPRegressor(hidden_layer_sizes=(64, 32), early_stopping=True, max_iter=500, random_state=0)
mlp.fit(train[SENSORS], train["power_kw"])
print("valid MAE", mean_absolute_error(valid["power_kw"], mlp.predict(valid[SENSORS])))
print("test MAE", mean_absolute_error(test["power_kw"], mlp.predict(test[SENSORS])))
