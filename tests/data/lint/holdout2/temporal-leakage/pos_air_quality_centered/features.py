# expect: DATA_LEAKAGE@36
"""Feature engineering for the daily PM2.5 model (station AQ-3)."""
from typing import Iterable

import numpy as np
import pandas as pd

POLLUTANTS = ["pm25", "no2", "o3"]
MET = ["wind_speed_ms", "wind_dir_deg", "temp_c", "rh_pct"]


def add_calendar(df: pd.DataFrame) -> pd.DataFrame:
    d = pd.to_datetime(df["date"])
    df["dow"] = d.dt.dayofweek
    df["month"] = d.dt.month
    df["heating_season"] = d.dt.month.isin([11, 12, 1, 2, 3]).astype(int)
    return df


def add_wind_components(df: pd.DataFrame) -> pd.DataFrame:
    rad = np.deg2rad(df["wind_dir_deg"])
    df["wind_u"] = df["wind_speed_ms"] * np.sin(rad)
    df["wind_v"] = df["wind_speed_ms"] * np.cos(rad)
    return df


def add_lags(df: pd.DataFrame, cols: Iterable[str], lags=(1, 2, 3)) -> pd.DataFrame:
    for c in cols:
        for k in lags:
            df[f"{c}_lag{k}"] = df[c].shift(k)
    return df


def add_smoothed(df: pd.DataFrame, cols: Iterable[str], window: int = 7) -> pd.DataFrame:
    for c in cols:
        df[f"{c}_smooth{window}"] = df[c].rolling(window, center=True, min_periods=1).mean()
    return df


def build_features(df: pd.DataFrame) -> pd.DataFrame:
    df = df.sort_values("date").reset_index(drop=True)
    df = add_calendar(df)
    df = add_wind_components(df)
    df = add_lags(df, POLLUTANTS)
    df = add_smoothed(df, POLLUTANTS)
    return df.dropna().reset_index(drop=True)


def feature_columns(df: pd.DataFrame) -> list:
    skip = {"date", "wind_dir_deg"} | set(POLLUTANTS)
    return [c for c in df.columns if c not in skip]
