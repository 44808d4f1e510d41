# expect: DATA_LEAKAGE@29
"""Voluntary attrition model for the HR analytics quarterly review.

    python attrition.py --k 15 --data hris_snapshot.csv
"""
import argparse

import numpy as np
import pandas as pd
from sklearn.feature_selection import SelectKBest, mutual_info_classif
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

parser = argparse.ArgumentParser()
parser.add_argument("--data", default="hris_snapshot.csv")
parser.add_argument("--k", type=int, default=15)
args = parser.parse_args()

hr = pd.read_csv(args.data).dropna()
y = hr.pop("left_within_12m")
hr = hr.drop(columns=["employee_id"])
hr = pd.get_dummies(hr, columns=["department", "job_family", "work_mode"], drop_first=True)
X = hr.astype(float)
print(f"{X.shape[1]} candidate features, attrition rate {y.mean():.1%}")

selector = SelectKBest(mutual_info_classif, k=args.k)
X_sel = selector.fit_transform(X, y)
kept = X.columns[selector.get_support()]
print("kept:", list(kept))

model = make_pipeline(StandardScaler(), LogisticRegression(C=1.0, class_weight="balanced", max_iter=1000))
cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
auc = cross_val_score(model, X_sel, y, cv=cv, scoring="roc_auc")
ap = cross_val_score(model, X_sel, y, cv=cv, scoring="average_precision")
print(f"ROC-AUC {auc.mean():.3f} +/- {auc.std():.3f}")
print(f"PR-AUC  {ap.mean():.3f} +/- {ap.std():.3f}")
print("per-fold AUC:", np.round(auc, 3))
