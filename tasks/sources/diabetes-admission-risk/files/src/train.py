"""Admission-risk model for the diabetes outpatient clinic.

For every clinic visit, estimate the risk that the patient is admitted to
hospital within 90 days, from the vitals and labs taken at that visit.
Reports cross-validated and held-out discrimination so the clinic can decide
whether to use the score to prioritise nurse follow-up calls.

Usage:
    python src/train.py [--data data/visits.csv] [--neighbors 15] [--seed 2]
"""
import argparse
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import balanced_accuracy_score, roc_auc_score
from sklearn.model_selection import StratifiedKFold, cross_val_score, train_test_split
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

TARGET = "admitted_90d"
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
    parser.add_argument("--data", default=str(Path(__file__).resolve().parents[1] / "data" / "visits.csv"))
    parser.add_argument("--neighbors", type=int, default=15)
    parser.add_argument("--seed", type=int, default=2)
    args = parser.parse_args()

    visits = load_visits(args.data)
    X = visits[FEATURES].to_numpy(dtype=float)
    y = visits[TARGET].to_numpy()
    print(f"visits: {len(visits)}  patients: {visits['patient_id'].nunique()}  admission rate: {y.mean():.3f}")

    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=0.2, stratify=y, random_state=args.seed
    )

    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=args.seed)
    cv_auc = cross_val_score(make_classifier(args.neighbors), X_train, y_train, cv=folds, scoring="roc_auc")

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
