"""Loading the daily sales history and building the forecasting features."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

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
