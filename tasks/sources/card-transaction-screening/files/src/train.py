"""Fraud-screening model for card transactions.

Fits a logistic-regression scorer on data/transactions.csv, picks the alert
threshold on a validation split and reports how the alerts would have done on
a held-out test split.

Usage:
    python src/train.py [--data PATH] [--seed 3]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import (accuracy_score, f1_score, precision_score,
                             recall_score, roc_auc_score)
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

ROOT = Path(__file__).resolve().parents[1]
TARGET = "is_fraud"
LOG_COLUMNS = ["amount", "km_from_home", "card_age_days", "mins_since_last_tx"]


def load(path: Path) -> tuple[pd.DataFrame, np.ndarray]:
    df = pd.read_csv(path)
    y = df[TARGET].to_numpy()
    X = df.drop(columns=["transaction_id", TARGET])
    return X, y


def add_features(X: pd.DataFrame) -> pd.DataFrame:
    X = X.copy()
    for col in LOG_COLUMNS:
        X[col] = np.log1p(X[col])
    X["night"] = (X["hour"] < 6).astype(int)
    X["burst"] = X["tx_last_24h"] / (1.0 + X["mins_since_last_tx"])
    return X


def split(X, y, seed):
    X_tmp, X_test, y_tmp, y_test = train_test_split(
        X, y, test_size=0.25, stratify=y, random_state=seed)
    X_train, X_val, y_train, y_val = train_test_split(
        X_tmp, y_tmp, test_size=1 / 3, stratify=y_tmp, random_state=seed)
    return X_train, X_val, X_test, y_train, y_val, y_test


def fit_model(X_train, y_train):
    model = make_pipeline(StandardScaler(), LogisticRegression(C=0.5, max_iter=1000))
    return model.fit(X_train, y_train)


def choose_threshold(y_val, scores) -> float:
    grid = np.linspace(0.02, 0.98, 49)
    results = [accuracy_score(y_val, (scores >= t).astype(int)) for t in grid]
    return float(grid[int(np.argmax(results))])


def report(y_true, scores, threshold) -> dict[str, float]:
    pred = (scores >= threshold).astype(int)
    return {
        "accuracy": accuracy_score(y_true, pred),
        "precision": precision_score(y_true, pred, zero_division=0),
        "recall": recall_score(y_true, pred),
        "f1": f1_score(y_true, pred),
        "roc_auc": roc_auc_score(y_true, scores),
        "alert_rate": float(pred.mean()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "data" / "transactions.csv")
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()

    X, y = load(args.data)
    X = add_features(X)
    X_train, X_val, X_test, y_train, y_val, y_test = split(X, y, args.seed)
    print(f"rows: train={len(y_train)} val={len(y_val)} test={len(y_test)}  fraud_rate: {y.mean():.3f}")

    model = fit_model(X_train, y_train)
    threshold = choose_threshold(y_val, model.predict_proba(X_val)[:, 1])
    metrics = report(y_test, model.predict_proba(X_test)[:, 1], threshold)

    print(f"threshold: {threshold:.2f}")
    for name in ["alert_rate", "accuracy", "precision", "recall", "f1", "roc_auc"]:
        print(f"test_{name}: {metrics[name]:.3f}")


if __name__ == "__main__":
    main()
