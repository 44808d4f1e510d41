# expect: NONE
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import average_precision_score

raw = pd.read_csv("sensors.csv", parse_dates=["timestamp"]).sort_values("timestamp")
sensor_cols = ["pressure", "vibration", "temperature", "flow"]

cutoff = pd.Timestamp("2023-04-01")
early = raw[raw["timestamp"] < cutoff].copy()
late = raw[raw["timestamp"] >= cutoff].copy()

# carry the last known reading forward; the late block starts from the early block's last row
early[sensor_cols] = early[sensor_cols].ffill()
late[sensor_cols] = pd.concat([early[sensor_cols].tail(1), late[sensor_cols]]).ffill().iloc[1:]

for part in (early, late):
    for c in sensor_cols:
        part[f"{c}_mean_6h"] = part[c].rolling(6).mean()
early, late = early.dropna(), late.dropna()

feature_cols = [c for c in early.columns if c.startswith(tuple(sensor_cols))]
clf = HistGradientBoostingClassifier(max_iter=300, learning_rate=0.05)
clf.fit(early[feature_cols], early["fail_24h"])
print("PR-AUC:", average_precision_score(late["fail_24h"], clf.predict_proba(late[feature_cols])[:, 1]))
