# expect: NONE
"""Readmission risk with per-diagnosis risk features computed per fold."""
import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold
from sklearn.preprocessing import StandardScaler

DX_COLS = ["primary_dx_group", "secondary_dx_group", "discharge_ward"]
NUM = ["age", "los_days", "n_prior_admits", "charlson_index"]
TARGET = "readmit_30d"


def shrunk_rates(train: pd.DataFrame, col: str, weight: float = 20.0) -> pd.Series:
    prior = train[TARGET].mean()
    stats = train.groupby(col)[TARGET].agg(["sum", "count"])
    return (stats["sum"] + prior * weight) / (stats["count"] + weight)


def add_risk(train: pd.DataFrame, other: pd.DataFrame) -> np.ndarray:
    prior = train[TARGET].mean()
    cols = [other[c].map(shrunk_rates(train, c)).fillna(prior) for c in DX_COLS]
    return np.column_stack([other[NUM].to_numpy()] + [c.to_numpy() for c in cols])


adm = pd.read_csv("discharges_2022.csv")
y = adm[TARGET].to_numpy()

aucs = []
for tr, va in StratifiedKFold(n_splits=5, shuffle=True, random_state=3).split(adm, y):
    fold_tr, fold_va = adm.iloc[tr], adm.iloc[va]
    X_tr, X_va = add_risk(fold_tr, fold_tr), add_risk(fold_tr, fold_va)
    scaler = StandardScaler().fit(X_tr)
    clf = LogisticRegression(C=0.3, max_iter=1000).fit(scaler.transform(X_tr), y[tr])
    aucs.append(roc_auc_score(y[va], clf.predict_proba(scaler.transform(X_va))[:, 1]))
print("CV AUC: %.3f +/- %.3f" % (np.mean(aucs), np.std(aucs)))
