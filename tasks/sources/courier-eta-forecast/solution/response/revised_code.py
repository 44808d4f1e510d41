"""Fit the delivery-time (ETA) model on the order history and report its error.

Corrected version of src/train.py (+ src/data.py): the dispatch export writes
999 into `delivery_minutes` for orders that were never scanned as delivered.
Those rows are not delivery times, so they are removed during cleaning, before
the train/test split, exactly like the other invalid records.

Usage (from /app):
    python response/revised_code.py [--data data/orders.csv] [--alpha 1.0] [--seed 7]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.linear_model import Ridge
from sklearn.metrics import mean_absolute_error, mean_squared_error
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

ROOT = Path(__file__).resolve().parents[1]
TARGET = "delivery_minutes"
REQUIRED = ["zone", "distance_km", "n_items", "prep_minutes", "raining", "courier_trips", TARGET]
NOT_DELIVERED = 999.0  # placeholder the dispatch system writes for orders never scanned as delivered
NUMERIC = ["distance_km", "n_items", "prep_minutes", "raining", "courier_trips",
           "lunch_peak", "dinner_peak", "weekend"]
CATEGORICAL = ["zone"]


def load_orders(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, parse_dates=["placed_at"])


def clean_orders(df: pd.DataFrame) -> pd.DataFrame:
    """Drop re-sent duplicates, incomplete records, impossible trips and unscanned orders."""
    df = df.drop_duplicates(subset="order_id", keep="first")
    df = df.dropna(subset=REQUIRED)
    df = df[(df["distance_km"] > 0) & (df[TARGET] > 0) & (df[TARGET] != NOT_DELIVERED)]
    return df.reset_index(drop=True)


def add_time_features(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    hour = out["placed_at"].dt.hour
    out["lunch_peak"] = hour.between(12, 13).astype(int)
    out["dinner_peak"] = hour.between(18, 20).astype(int)
    out["weekend"] = (out["placed_at"].dt.dayofweek >= 5).astype(int)
    return out


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
