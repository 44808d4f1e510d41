"""Next-day unit forecasts for the bakery chain's stores (reviewed: no change needed).

A standalone copy of src/train.py with the feature code of src/data.py inlined;
the method is unchanged. Builds calendar and sales-history features, trains a gradient
boosting model on everything before the last TEST_DAYS days and evaluates the
forecasts on those last days, next to a same-weekday-last-week baseline.

Usage:
    python response/revised_code.py [--test-days 84] [--seed 0]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.metrics import mean_absolute_error, r2_score

LAGS = (1, 2, 7, 14)
WINDOWS = (7, 28)


def load_sales(path: Path) -> pd.DataFrame:
    df = pd.read_csv(path, parse_dates=["date"])
    df = df.sort_values(["store_id", "date"]).reset_index(drop=True)
    return df


def add_calendar_features(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    out["day_of_week"] = out["date"].dt.day_of_week
    out["day_of_year"] = out["date"].dt.day_of_year
    out["month"] = out["date"].dt.month
    return out


def add_history_features(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    by_store = out.groupby("store_id", sort=False)["units_sold"]
    for lag in LAGS:
        out[f"lag_{lag}"] = by_store.shift(lag)
    for window in WINDOWS:
        out[f"mean_{window}d"] = by_store.transform(lambda s, w=window: s.shift(1).rolling(w).mean())
    out["same_weekday_mean_4w"] = (
        out[["lag_7", "lag_14"]].sum(axis=1) + by_store.shift(21) + by_store.shift(28)
    ) / 4
    return out.dropna().reset_index(drop=True)


def build_features(path: Path) -> pd.DataFrame:
    return add_history_features(add_calendar_features(load_sales(path)))


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
