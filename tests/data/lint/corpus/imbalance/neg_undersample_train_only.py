# expect: NONE
import pandas as pd
from imblearn.under_sampling import RandomUnderSampler
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import balanced_accuracy_score, recall_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

history = pd.read_csv("machine_logs_2023.csv")
recent = pd.read_csv("machine_logs_2024.csv")
feats = ["vibration_rms", "temp_delta", "load_pct", "hours_since_service", "oil_particles"]

rus = RandomUnderSampler(sampling_strategy=0.2, random_state=0)
X_bal, y_bal = rus.fit_resample(history[feats], history["failure_7d"])

model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000))
model.fit(X_bal, y_bal)

pred = model.predict(recent[feats])
print("balanced accuracy:", balanced_accuracy_score(recent["failure_7d"], pred))
print("failure recall:", recall_score(recent["failure_7d"], pred))
