"""Seven-day failure alerts for the centrifugal pump fleet.

Reads data/pump_inspections.csv (one row per inspection: sensor summary
readings, runtime and service age, and whether the pump failed within the
following seven days), fits a logistic-regression risk model and reports
cross-validated and held-out alert performance.

Usage:
    python src/train.py [--data PATH] [--C 0.5] [--threshold 0.5] [--seed 7]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import (
    accuracy_score,
    average_precision_score,
    f1_score,
    precision_score,
    recall_score,
)
from sklearn.model_selection import StratifiedKFold, cross_val_score, train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT / "data" / "pump_inspections.csv"
TARGET = "failed_within_7d"
FEATURES = [
    "vibration_rms_mm_s",
    "bearing_temp_c",
    "discharge_pressure_bar",
    "flow_rate_m3h",
    "motor_current_a",
    "runtime_hours",
    "days_since_service",
]


def load_data(path: Path) -> tuple[pd.DataFrame, np.ndarray]:
    df = pd.read_csv(path)
    X = df[FEATURES].copy()
    X["log_vibration"] = np.log(X.pop("vibration_rms_mm_s"))
    X["log_days_since_service"] = np.log1p(X.pop("days_since_service"))
    y = df[TARGET].to_numpy()
    return X, y


def build_model(C: float, seed: int) -> Pipeline:
    return Pipeline(
        [
            ("scale", StandardScaler()),
            (
                "clf",
                LogisticRegression(
                    C=C,
                    class_weight="balanced",
                    max_iter=1000,
                    random_state=seed,
                ),
            ),
        ]
    )


def alert_metrics(y_true: np.ndarray, proba: np.ndarray, threshold: float) -> dict[str, float]:
    pred = (proba >= threshold).astype(int)
    return {
        "recall": recall_score(y_true, pred),
        "precision": precision_score(y_true, pred, zero_division=0),
        "f1": f1_score(y_true, pred),
        "accuracy": accuracy_score(y_true, pred),
        "pr_auc": average_precision_score(y_true, proba),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--C", type=float, default=0.5)
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    X, y = load_data(args.data)
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=0.25, stratify=y, random_state=args.seed
    )
    print(f"inspections: {len(y)}  failure rate: {y.mean():.3f}")
    print(f"train: {len(y_train)}  test: {len(y_test)}")

    cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=args.seed)
    cv_recall = cross_val_score(build_model(args.C, args.seed), X_train, y_train, cv=cv, scoring="recall")
    cv_pr_auc = cross_val_score(build_model(args.C, args.seed), X_train, y_train, cv=cv, scoring="average_precision")
    print(f"cv_recall: {cv_recall.mean():.3f} (+/- {cv_recall.std():.3f})")
    print(f"cv_pr_auc: {cv_pr_auc.mean():.3f} (+/- {cv_pr_auc.std():.3f})")

    model = build_model(args.C, args.seed)
    model.fit(X_train, y_train)
    metrics = alert_metrics(y_test, model.predict_proba(X_test)[:, 1], args.threshold)
    for name, value in metrics.items():
        print(f"test_{name}: {value:.3f}")

    coefs = pd.Series(model.named_steps["clf"].coef_[0], index=X.columns).sort_values(key=np.abs, ascending=False)
    print("standardised coefficients:")
    for name, value in coefs.items():
        print(f"  {name:<26s} {value:+.3f}")


if __name__ == "__main__":
    main()
