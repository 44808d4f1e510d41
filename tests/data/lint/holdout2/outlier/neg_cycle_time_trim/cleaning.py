# expect: NONE
"""Preparation of the CNC cycle-time dataset."""
from typing import Tuple

import pandas as pd
from sklearn.model_selection import train_test_split


def iqr_bounds(s: pd.Series, k: float = 1.5) -> Tuple[float, float]:
    q1, q3 = s.quantile([0.25, 0.75])
    return q1 - k * (q3 - q1), q3 + k * (q3 - q1)


def prepare(df: pd.DataFrame, target: str = "cycle_time_s", seed: int = 0):
    """Trim extreme jobs from the training part only; the test part stays as recorded."""
    df = df.dropna(subset=[target]).copy()
    df["material"] = df["material"].astype("category")
    train, test = train_test_split(df, test_size=0.2, random_state=seed)
    lo, hi = iqr_bounds(train[target])
    n_before = len(train)
    train = train[train[target].between(lo, hi)]
    print(f"dropped {n_before - len(train)} training jobs outside [{lo:.0f}, {hi:.0f}] s")
    return train, test


def summary(df: pd.DataFrame, target: str = "cycle_time_s") -> str:
    return df.groupby("material", observed=True)[target].median().round(1).to_string()
