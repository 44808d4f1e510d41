# expect: OUTLIER@25
"""Preparation of the CNC cycle-time dataset."""
from typing import Tuple

import pandas as pd
from sklearn.model_selection import train_test_split


def iqr_bounds(s: pd.Series, k: float = 1.5) -> Tuple[float, float]:
    q1, q3 = s.quantile([0.25, 0.75])
    return q1 - k * (q3 - q1), q3 + k * (q3 - q1)


def within(df: pd.DataFrame, col: str, bounds: Tuple[float, float]) -> pd.Series:
    lo, hi = bounds
    return df[col].between(lo, hi)


def prepare(df: pd.DataFrame, target: str = "cycle_time_s", seed: int = 0):
    df = df.dropna(subset=[target]).copy()
    df["material"] = df["material"].astype("category")
    train, test = train_test_split(df, test_size=0.2, random_state=seed)
    bounds = iqr_bounds(train[target])
    train = train[within(train, target, bounds)]
    test = test[within(test, target, bounds)]
    return train, test
