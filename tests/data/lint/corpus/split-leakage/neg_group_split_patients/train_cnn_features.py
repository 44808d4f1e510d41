# expect: NONE
"""Malignancy classifier on radiomics features extracted per scan."""
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupShuffleSplit
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.metrics import roc_auc_score

scans = pd.read_csv("data/scans.csv")
feature_cols = [c for c in scans.columns if c.startswith("rad_")]

gss = GroupShuffleSplit(n_splits=1, test_size=0.25, random_state=3)
tr_idx, te_idx = next(gss.split(scans, scans["malignant"], groups=scans["patient_id"]))
tr, te = scans.iloc[tr_idx], scans.iloc[te_idx]

model = make_pipeline(StandardScaler(), LogisticRegression(C=0.1, max_iter=5000))
model.fit(tr[feature_cols], tr["malignant"])
print("scan-level AUC:", roc_auc_score(te["malignant"], model.predict_proba(te[feature_cols])[:, 1]))
print("n scans:", len(tr), len(te))
