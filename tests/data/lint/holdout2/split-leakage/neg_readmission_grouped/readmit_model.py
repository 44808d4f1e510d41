# expect: NONE
"""30-day readmission model; patients never straddle train and test."""
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import average_precision_score, roc_auc_score
from sklearn.model_selection import GroupKFold, GroupShuffleSplit, cross_val_score

DATA_DIR = Path(__file__).parent / "data"
FEATURES = [
    "age", "los_days", "n_medications", "n_diagnoses", "prior_admissions_12m", "egfr",
    "heart_failure", "copd", "discharge_home",
]


def main() -> None:
    df = pd.read_csv(DATA_DIR / "admissions.csv")
    X, y, groups = df[FEATURES], df["readmitted_30d"], df["patient_id"]
    print(f"{len(df)} admissions from {groups.nunique()} patients")

    gss = GroupShuffleSplit(n_splits=1, test_size=0.25, random_state=1)
    tr_idx, te_idx = next(gss.split(X, y, groups))
    assert set(groups.iloc[tr_idx]).isdisjoint(groups.iloc[te_idx])

    clf = HistGradientBoostingClassifier(
        learning_rate=0.05, max_iter=250, max_depth=4, l2_regularization=1.0, random_state=1
    )
    cv_auc = cross_val_score(
        clf, X.iloc[tr_idx], y.iloc[tr_idx], groups=groups.iloc[tr_idx],
        cv=GroupKFold(n_splits=5), scoring="roc_auc",
    )
    print("grouped CV AUC:", np.round(cv_auc, 3))

    clf.fit(X.iloc[tr_idx], y.iloc[tr_idx])
    p = clf.predict_proba(X.iloc[te_idx])[:, 1]
    y_te = y.iloc[te_idx]
    print(f"test ROC-AUC {roc_auc_score(y_te, p):.3f}  PR-AUC {average_precision_score(y_te, p):.3f}")


if __name__ == "__main__":
    main()
