# expect: NONE
import numpy as np
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.impute import SimpleImputer
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.metrics import f1_score

logs = pd.read_csv("data/well_logs.csv")
curves = ["GR", "RHOB", "NPHI", "DT", "RT"]
logs[curves] = logs[curves].replace(-999.25, np.nan)

a, b = train_test_split(logs, test_size=0.25, stratify=logs["facies"], random_state=0)
model = make_pipeline(
    SimpleImputer(strategy="median"),
    RandomForestClassifier(n_estimators=400, min_samples_leaf=2, random_state=0),
)
model.fit(a[curves], a["facies"])
print("macro F1:", f1_score(b["facies"], model.predict(b[curves]), average="macro"))
