"""Loading and cleaning of the courier order export."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

TARGET = "delivery_minutes"
REQUIRED = ["zone", "distance_km", "n_items", "prep_minutes", "raining", "courier_trips", TARGET]


def load_orders(path: Path) -> pd.DataFrame:
    """One row per order, as exported from the dispatch system."""
    return pd.read_csv(path, parse_dates=["placed_at"])


def clean_orders(df: pd.DataFrame) -> pd.DataFrame:
    """Drop re-sent duplicates, incomplete records and impossible trips."""
    df = df.drop_duplicates(subset="order_id", keep="first")
    df = df.dropna(subset=REQUIRED)
    df = df[(df["distance_km"] > 0) & (df[TARGET] > 0)]
    return df.reset_index(drop=True)


def add_time_features(df: pd.DataFrame) -> pd.DataFrame:
    """Calendar features derived from the order timestamp."""
    out = df.copy()
    hour = out["placed_at"].dt.hour
    out["lunch_peak"] = hour.between(12, 13).astype(int)
    out["dinner_peak"] = hour.between(18, 20).astype(int)
    out["weekend"] = (out["placed_at"].dt.dayofweek >= 5).astype(int)
    return out
