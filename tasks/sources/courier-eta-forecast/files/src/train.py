"""Fit the delivery-time (ETA) model on the order history and report its error.

Usage:
    python src/train.py [--data data/orders.csv] [--alpha 1.0] [--seed 7]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from sklearn.compose import ColumnTransformer
from sklearn.linear_model import Ridge
from sklearn.metrics import mean_absolute_error, mean_squared_error
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

sys.path.insert(0, str(Path(__file__).resolve().parent))
from data import TARGET, add_time_features, clean_orders, load_orders  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
NUMERIC = ["distance_km", "n_items", "prep_minutes", "raining", "courier_trips",
           "lunch_peak", "dinner_peak", "weekend"]
CATEGORICAL = ["zone"]


def build_model(alpha: float) -> Pipeline:
    pre = ColumnTransformer([
        ("num", StandardScaler(), NUMERIC),
        ("cat", OneHotEncoder(handle_unknown="ignore"), CATEGORICAL),
    ])
    return Pipeline([("pre", pre), ("reg", Ridge(alpha=alpha))])


def report(y_true: np.ndarray, y_pred: np.ndarray) -> dict[str, float]:
    err = np.abs(y_true - y_pred)
    return {
        "test_mae": float(mean_absolute_error(y_true, y_pred)),
        "test_rmse": float(np.sqrt(mean_squared_error(y_true, y_pred))),
        "test_within_5min": float(np.mean(err <= 5.0)),
    }


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "data" / "orders.csv")
    parser.add_argument("--alpha", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=7)
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    orders = add_time_features(clean_orders(load_orders(args.data)))
    X, y = orders[NUMERIC + CATEGORICAL], orders[TARGET].to_numpy()
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=args.seed)
    print(f"orders: {len(orders)}  train: {len(X_train)}  test: {len(X_test)}")

    model = build_model(args.alpha).fit(X_train, y_train)
    metrics = report(y_test, model.predict(X_test))
    coefs = model.named_steps["reg"].coef_[: len(NUMERIC)]
    for name, c in zip(NUMERIC, coefs):
        print(f"  coef {name:>14}: {c:+.2f}")
    for name, value in metrics.items():
        print(f"{name}: {value:.3f}")


if __name__ == "__main__":
    main()
