"""Claim-risk score for private motor policies.

Trains a gradient-boosted classifier on the 2021-2022 policy years and checks it
on the 2023 policy year before the score is used in renewal pricing.
"""

import os
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")  # shared batch server: one core per job

import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import log_loss, roc_auc_score
from sklearn.model_selection import StratifiedKFold, cross_val_score

DATA = Path("data")
TARGET = "claim"
NUMERIC = ["driver_age", "years_licensed_clean", "vehicle_age", "annual_km"]
CATEGORICAL = ["vehicle", "region"]
PARAMS = dict(max_iter=200, learning_rate=0.05, max_leaf_nodes=15, l2_regularization=1.0, random_state=0)


def load_policies(name: str) -> pd.DataFrame:
    df = pd.read_csv(DATA / name)
    df = df[df["driver_age"].between(17, 99)]
    for col in CATEGORICAL:
        df[col] = df[col].astype(str).str.strip().str.lower()
    return df.reset_index(drop=True)


def build_vocabulary(df: pd.DataFrame) -> dict:
    return {col: {v: i for i, v in enumerate(sorted(df[col].unique()))} for col in CATEGORICAL}


def encode(df: pd.DataFrame, vocabulary: dict) -> pd.DataFrame:
    X = df[NUMERIC].copy()
    for col in CATEGORICAL:
        X[col] = df[col].map(vocabulary[col]).fillna(0).astype(int)
    return X


def make_model() -> HistGradientBoostingClassifier:
    return HistGradientBoostingClassifier(categorical_features=CATEGORICAL, **PARAMS)


def main() -> None:
    train = load_policies("policies_2021_2022.csv")
    test = load_policies("policies_2023.csv")
    vocabulary = build_vocabulary(train)
    X_train, y_train = encode(train, vocabulary), train[TARGET].to_numpy()
    X_test, y_test = encode(test, vocabulary), test[TARGET].to_numpy()

    model = make_model()
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    cv_auc = cross_val_score(model, X_train, y_train, cv=folds, scoring="roc_auc")
    model.fit(X_train, y_train)
    p = model.predict_proba(X_test)[:, 1]

    print(f"train policies: {len(X_train)}")
    print(f"test policies: {len(X_test)}")
    print(f"cv_roc_auc: {cv_auc.mean():.3f} (+/- {cv_auc.std():.3f})")
    print(f"test_roc_auc: {roc_auc_score(y_test, p):.3f}")
    print(f"test_log_loss: {log_loss(y_test, p):.4f}")
    print(f"test_predicted_claim_rate: {np.mean(p):.4f}")
    print(f"test_observed_claim_rate: {np.mean(y_test):.4f}")


if __name__ == "__main__":
    main()
