"""Delivery-time (ETA) model for the food-delivery courier platform.

Predicts minutes from order placement to hand-over at the customer's door
from the trip distance, the kitchen's preparation time, the order size,
the hour, the rain and the courier's vehicle. Trained on last quarter's
completed orders, evaluated on a random hold-out.

    python src/eta_model.py [--seed 42]
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.metrics import mean_absolute_error, r2_score
from sklearn.model_selection import train_test_split

DATA = Path(__file__).resolve().parents[1] / "data" / "orders.csv"
TARGET = "delivery_min"
NUMERIC = ["distance_km", "prep_time_min", "n_items", "order_hour", "rain_mm"]
VEHICLES = ["bike", "scooter", "car"]


@dataclass
class Scores:
    mae: float
    r2: float
    within_5min: float


def load_orders(path: Path = DATA) -> pd.DataFrame:
    orders = pd.read_csv(path, parse_dates=["placed_at"])
    orders = orders[orders["status"] == "delivered"].copy()
    orders["order_hour"] = orders["placed_at"].dt.hour
    return orders


def design_matrix(orders: pd.DataFrame) -> pd.DataFrame:
    X = orders[NUMERIC].astype(float)
    for v in VEHICLES:
        X[f"vehicle_{v}"] = (orders["vehicle"] == v).astype(float)
    return X


def make_regressor(seed: int) -> GradientBoostingRegressor:
    return GradientBoostingRegressor(
        loss="huber",
        n_estimators=10,
        learning_rate=0.05,
        max_depth=3,
        subsample=0.8,
        random_state=seed,
    )


def score(model: GradientBoostingRegressor, X: pd.DataFrame, y: np.ndarray) -> Scores:
    pred = model.predict(X)
    return Scores(
        mae=mean_absolute_error(y, pred),
        r2=r2_score(y, pred),
        within_5min=float(np.mean(np.abs(pred - y) <= 5.0)),
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=42)
    seed = parser.parse_args().seed

    orders = load_orders()
    X, y = design_matrix(orders), orders[TARGET].to_numpy()
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=seed)
    print(f"orders: {len(orders)}  train: {len(X_train)}  test: {len(X_test)}")

    model = make_regressor(seed).fit(X_train, y_train)
    for name, (Xs, ys) in {"train": (X_train, y_train), "test": (X_test, y_test)}.items():
        s = score(model, Xs, ys)
        print(f"{name}_mae: {s.mae:.2f}")
        print(f"{name}_r2: {s.r2:.3f}")
        print(f"{name}_within_5min: {s.within_5min:.3f}")

    ranked = sorted(zip(model.feature_importances_, X.columns), reverse=True)[:3]
    print("top features: " + ", ".join(f"{c} ({w:.2f})" for w, c in ranked))


if __name__ == "__main__":
    main()
