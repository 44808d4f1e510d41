"""Fit a regression tree that predicts a batch's cupping score from its roast profile.

Reads data/roast_batches.csv (one row per production roast batch), fits a
single regression tree so the roasting team can read the decision rules, and
reports the fit on the training batches and on a held-out 25 % of batches.

Usage:
    python src/train.py [--data PATH] [--seed 42]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import mean_absolute_error, r2_score
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeRegressor

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT / "data" / "roast_batches.csv"
TARGET = "cupping_score"
FEATURES = [
    "drop_temp_c",
    "green_moisture_pct",
    "development_time_s",
    "total_roast_min",
    "origin_altitude_m",
    "charge_temp_c",
]


def load_batches(path: Path) -> tuple[pd.DataFrame, np.ndarray]:
    df = pd.read_csv(path)
    df = df.dropna(subset=FEATURES + [TARGET])
    return df[FEATURES], df[TARGET].to_numpy()


def build_model(seed: int) -> DecisionTreeRegressor:
    return DecisionTreeRegressor(criterion="squared_error", random_state=seed)


def report(model: DecisionTreeRegressor, X: pd.DataFrame, y: np.ndarray) -> dict[str, float]:
    pred = model.predict(X)
    return {"r2": float(r2_score(y, pred)), "mae": float(mean_absolute_error(y, pred))}


def describe_tree(model: DecisionTreeRegressor) -> None:
    print(f"tree_depth: {model.get_depth()}")
    print(f"tree_leaves: {model.get_n_leaves()}")
    ranked = sorted(zip(FEATURES, model.feature_importances_), key=lambda t: -t[1])
    for name, weight in ranked:
        print(f"  importance {name:<18} {weight:.3f}")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--seed", type=int, default=42)
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    X, y = load_batches(args.data)
    print(f"batches: {len(y)}  mean_score: {y.mean():.2f}")

    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=args.seed)
    model = build_model(args.seed).fit(X_train, y_train)

    describe_tree(model)
    train = report(model, X_train, y_train)
    test = report(model, X_test, y_test)
    print(f"train_r2: {train['r2']:.3f}")
    print(f"train_mae: {train['mae']:.3f}")
    print(f"test_r2: {test['r2']:.3f}")
    print(f"test_mae: {test['mae']:.3f}")


if __name__ == "__main__":
    main()
