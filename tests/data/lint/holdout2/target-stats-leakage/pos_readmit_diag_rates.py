# expect: DATA_LEAKAGE@38
"""Readmission risk with smoothed per-diagnosis risk features."""
from typing import Dict, List

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold
from sklearn.preprocessing import StandardScaler


class DiagnosisRiskEncoder:
    """Replace diagnosis-group codes with a shrunk outcome rate."""

    def __init__(self, cols: List[str], prior_weight: float = 20.0):
        self.cols = cols
        self.prior_weight = prior_weight
        self.maps: Dict[str, pd.Series] = {}
        self.prior = 0.0

    def fit(self, df: pd.DataFrame, target: str) -> "DiagnosisRiskEncoder":
        self.prior = df[target].mean()
        for c in self.cols:
            stats = df.groupby(c)[target].agg(["sum", "count"])
            self.maps[c] = (stats["sum"] + self.prior * self.prior_weight) / (stats["count"] + self.prior_weight)
        return self

    def transform(self, df: pd.DataFrame) -> pd.DataFrame:
        out = df.copy()
        for c in self.cols:
            out[c + "_risk"] = out[c].map(self.maps[c]).fillna(self.prior)
        return out


adm = pd.read_csv("discharges_2022.csv")
enc = DiagnosisRiskEncoder(["primary_dx_group", "secondary_dx_group", "discharge_ward"])
adm = enc.fit(adm, "readmit_30d").transform(adm)

features = [
    "age", "los_days", "n_prior_admits", "charlson_index",
    "primary_dx_group_risk", "secondary_dx_group_risk", "discharge_ward_risk",
]
X, y = adm[features].to_numpy(), adm["readmit_30d"].to_numpy()

aucs = []
for tr, va in StratifiedKFold(n_splits=5, shuffle=True, random_state=3).split(X, y):
    scaler = StandardScaler().fit(X[tr])
    clf = LogisticRegression(C=0.3, max_iter=1000).fit(scaler.transform(X[tr]), y[tr])
    aucs.append(roc_auc_score(y[va], clf.predict_proba(scaler.transform(X[va]))[:, 1]))
print("CV AUC: %.3f +/- %.3f" % (np.mean(aucs), np.std(aucs)))
