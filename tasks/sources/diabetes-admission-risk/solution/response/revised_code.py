"""Admission-risk model for the diabetes outpatient clinic (corrected evaluation).

Same features, model (standardised k-NN, 15 neighbours, distance weights),
20 % test share, 5 folds and seed as src/train.py. The only change: visits are
split by patient, so all visits of one patient are either in training or in
test (GroupShuffleSplit), and the cross-validation folds on the training part
are grouped by patient as well (StratifiedGroupKFold).

Run from /app:  python response/revised_code.py
"""
import argparse
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import balanced_accuracy_score, roc_auc_score
from sklearn.model_selection import GroupShuffleSplit, StratifiedGroupKFold, cross_val_score
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

TARGET = "admitted_90d"
GROUP = "patient_id"
FEATURES = ["age", "is_male", "bmi", "systolic_bp", "hba1c", "egfr", "ldl",
            "n_medications", "admissions_prior_12m"]


def load_visits(path):
    visits = pd.read_csv(path, parse_dates=["visit_date"])
    visits["is_male"] = (visits["sex"] == "M").astype(int)
    return visits


def make_classifier(n_neighbors):
    return make_pipeline(
        StandardScaler(),
        KNeighborsClassifier(n_neighbors=n_neighbors, weights="distance"),
    )


def main():
    parser = argparse.ArgumentParser(description="visit-level 90-day admission risk")
    parser.add_argument("--data", default="data/visits.csv")
    parser.add_argument("--neighbors", type=int, default=15)
    parser.add_argument("--seed", type=int, default=2)
    args = parser.parse_args()

    visits = load_visits(args.data)
    X = visits[FEATURES].to_numpy(dtype=float)
    y = visits[TARGET].to_numpy()
    patients = visits[GROUP].to_numpy()
    print(f"visits: {len(visits)}  patients: {visits['patient_id'].nunique()}  admission rate: {y.mean():.3f}")

    # Hold out whole patients: the score will be used on patients the model has never seen.
    splitter = GroupShuffleSplit(n_splits=1, test_size=0.2, random_state=args.seed)
    train_idx, test_idx = next(splitter.split(X, y, groups=patients))
    X_train, X_test, y_train, y_test = X[train_idx], X[test_idx], y[train_idx], y[test_idx]
    assert not set(patients[train_idx]) & set(patients[test_idx])

    folds = StratifiedGroupKFold(n_splits=5, shuffle=True, random_state=args.seed)
    cv_auc = cross_val_score(make_classifier(args.neighbors), X_train, y_train, cv=folds,
                             groups=patients[train_idx], scoring="roc_auc")

    clf = make_classifier(args.neighbors).fit(X_train, y_train)
    risk = clf.predict_proba(X_test)[:, 1]
    flagged = (risk >= 0.5).astype(int)

    print(f"train visits: {len(y_train)}  test visits: {len(y_test)}")
    print(f"cv_roc_auc: {cv_auc.mean():.3f} (+/- {cv_auc.std():.3f})")
    print(f"test_roc_auc: {roc_auc_score(y_test, risk):.3f}")
    print(f"test_balanced_accuracy: {balanced_accuracy_score(y_test, flagged):.3f}")
    print(f"flagged share: {flagged.mean():.3f}")


if __name__ == "__main__":
    main()
