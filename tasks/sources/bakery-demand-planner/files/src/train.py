"""Next-day unit forecasts for the bakery chain's stores.

Builds calendar and sales-history features (src/data.py), trains a gradient
boosting model on everything before the last TEST_DAYS days and evaluates the
forecasts on those last days, next to a same-weekday-last-week baseline.

Usage:
    python src/train.py [--test-days 84] [--seed 0]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.metrics import mean_absolute_error, r2_score

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from data import LAGS, WINDOWS, build_features  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / "daily_sales.csv"
TARGET = "units_sold"
FEATURES = (
    ["promo", "day_of_week", "day_of_year", "month"]
    + [f"lag_{lag}" for lag in LAGS]
    + [f"mean_{w}d" for w in WINDOWS]
    + ["same_weekday_mean_4w"]
)


def split_by_date(df: pd.DataFrame, test_days: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    cutoff = df["date"].max() - pd.Timedelta(days=test_days)
    return df[df["date"] <= cutoff], df[df["date"] > cutoff]


def build_model(seed: int) -> GradientBoostingRegressor:
    return GradientBoostingRegressor(
        learning_rate=0.08,
        n_estimators=150,
        max_depth=3,
        min_samples_leaf=20,
        subsample=0.8,
        random_state=seed,
    )


def wape(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    return float(np.abs(y_true - y_pred).sum() / np.abs(y_true).sum())


def report(prefix: str, y_true: np.ndarray, y_pred: np.ndarray) -> None:
    print(f"{prefix}_mae: {mean_absolute_error(y_true, y_pred):.2f}")
    print(f"{prefix}_wape: {wape(y_true, y_pred):.4f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--test-days", type=int, default=84)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    df = build_features(DATA)
    train, test = split_by_date(df, args.test_days)
    print(f"train rows: {len(train)} ({train['date'].min():%Y-%m-%d} .. {train['date'].max():%Y-%m-%d})")
    print(f"test rows: {len(test)} ({test['date'].min():%Y-%m-%d} .. {test['date'].max():%Y-%m-%d})")

    model = build_model(args.seed)
    model.fit(train[FEATURES], train[TARGET])
    pred = model.predict(test[FEATURES])

    y_test = test[TARGET].to_numpy()
    report("baseline", y_test, test["lag_7"].to_numpy())
    report("test", y_test, pred)
    print(f"test_r2: {r2_score(y_test, pred):.4f}")

    per_store = (
        test.assign(abs_err=np.abs(y_test - pred))
        .groupby("store_id")
        .agg(units=(TARGET, "mean"), mae=("abs_err", "mean"))
    )
    print("per-store test error:")
    print(per_store.round(1).to_string())


if __name__ == "__main__":
    main()
