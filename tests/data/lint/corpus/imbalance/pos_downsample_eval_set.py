# expect: IMBALANCE@16-17
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import precision_score, recall_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

history = pd.read_csv("machine_logs_2023.csv")
recent = pd.read_csv("machine_logs_2024.csv")
feats = ["vibration_rms", "temp_delta", "load_pct", "hours_since_service", "oil_particles"]

model = make_pipeline(StandardScaler(), LogisticRegression(class_weight="balanced", max_iter=1000))
model.fit(history[feats], history["failure_7d"])

failures = recent[recent["failure_7d"] == 1]
healthy = recent[recent["failure_7d"] == 0].sample(n=len(failures), random_state=0)
eval_set = pd.concat([failures, healthy])

pred = model.predict(eval_set[feats])
print("precision:", precision_score(eval_set["failure_7d"], pred))
print("recall:", recall_score(eval_set["failure_7d"], pred))
