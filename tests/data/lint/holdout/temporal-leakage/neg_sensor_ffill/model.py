# expect: NONE
from pathlib import Path

import pandas as pd
from sklearn.linear_model import Ridge
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.metrics import mean_absolute_error, r2_score

HERE = Path(__file__).parent
raw = pd.read_csv(HERE / "data" / "sensor.csv", parse_dates=["timestamp"])
raw = raw.sort_values("timestamp").set_index("timestamp")

# chronological split first, 80/20
split_at = raw.index[int(len(raw) * 0.8)]
train = raw[raw.index < split_at].copy()
test = raw[raw.index >= split_at].copy()

# carry the last known pressure reading forward (never backwards in time)
train["pressure"] = train["pressure"].ffill()
last_train_pressure = train["pressure"].iloc[-1]
test["pressure"] = test["pressure"].ffill().fillna(last_train_pressure)


def add_features(frame):
    frame = frame.copy()
    frame["pressure_lag1"] = frame["pressure"].shift(1)
    frame["pressure_ma6"] = frame["pressure"].shift(1).rolling(6).mean()
    frame["temp_ma6"] = frame["temperature"].shift(1).rolling(6).mean()
    frame["flow_lag1"] = frame["flow_rate"].shift(1)
    frame["minute_of_day"] = frame.index.hour * 60 + frame.index.minute
    return frame.dropna()


train = add_features(train)
test = add_features(test)
cols = ["pressure", "temperature", "pressure_lag1", "pressure_ma6", "temp_ma6", "flow_lag1", "minute_of_day"]

reg = make_pipeline(StandardScaler(), Ridge(alpha=1.0))
reg.fit(train[cols], train["flow_rate"])
pred = reg.predict(test[cols])
print("MAE :", round(mean_absolute_error(test["flow_rate"], pred), 4))
print("R2  :", round(r2_score(test["flow_rate"], pred), 4))
