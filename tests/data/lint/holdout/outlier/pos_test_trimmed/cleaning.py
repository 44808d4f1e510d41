"""Outlier utilities for the taxi-fare project."""
import numpy as np
import pandas as pd


def iqr_bounds(s: pd.Series, k: float = 1.5):
    q1, q3 = s.quantile([0.25, 0.75])
    iqr = q3 - q1
    return q1 - k * iqr, q3 + k * iqr


def drop_iqr_outliers(df: pd.DataFrame, cols, k: float = 1.5) -> pd.DataFrame:
    """Remove rows where any of `cols` falls outside its Tukey fences."""
    keep = np.ones(len(df), dtype=bool)
    for col in cols:
        lo, hi = iqr_bounds(df[col], k)
        keep &= df[col].between(lo, hi).to_numpy()
    return df.loc[keep].copy()


def haversine_km(lat1, lon1, lat2, lon2):
    lat1, lon1, lat2, lon2 = map(np.radians, (lat1, lon1, lat2, lon2))
    a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * np.arcsin(np.sqrt(a))
