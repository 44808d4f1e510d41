"""Outlier utilities for the taxi-fare project."""
import numpy as np
import pandas as pd


class QuantileClipper:
    """Winsorise columns to quantile bounds learned on the training frame."""

    def __init__(self, cols, lower=0.005, upper=0.995):
        self.cols = list(cols)
        self.lower = lower
        self.upper = upper
        self.bounds_ = {}

    def fit(self, df: pd.DataFrame) -> "QuantileClipper":
        for col in self.cols:
            self.bounds_[col] = tuple(df[col].quantile([self.lower, self.upper]))
        return self

    def transform(self, df: pd.DataFrame) -> pd.DataFrame:
        out = df.copy()
        for col, (lo, hi) in self.bounds_.items():
            out[col] = out[col].clip(lo, hi)
        return out


def haversine_km(lat1, lon1, lat2, lon2):
    lat1, lon1, lat2, lon2 = map(np.radians, (lat1, lon1, lat2, lon2))
    a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * np.arcsin(np.sqrt(a))
