# expect: DATA_LEAKAGE@14
"""Predict pump failure in the next 24h from sensor readings."""
import os

import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import average_precision_score

HERE = os.path.dirname(__file__)
raw = pd.read_csv(os.path.join(HERE, "data", "sensors.csv"), parse_dates=["timestamp"])
raw = raw.sort_values("timestamp")

sensor_cols = ["pressure", "vibration", "temperature", "flow"]
raw[sensor_cols] = raw[sensor_cols].bfill()
for c in sensor_cols:
    raw[f"{c}_mean_6h"] = raw[c].rolling(6).mean()
    raw[f"{c}_max_6h"] = raw[c].rolling(6).max()
raw = raw.dropna()

feature_cols = [c for c in raw.columns if c.startswith(tuple(sensor_cols))]
boundary = raw["timestamp"].quantile(0.75)
early = raw[raw["timestamp"] <= boundary]
late = raw[raw["timestamp"] > boundary]

clf = HistGradientBoostingClassifier(max_iter=300, learning_rate=0.05)
clf.fit(early[feature_cols], early["fail_24h"])
score = average_precision_score(late["fail_24h"], clf.predict_proba(late[feature_cols])[:, 1])
print("PR-AUC on later period:", round(score, 3))
