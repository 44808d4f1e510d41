# expect: NONE
"""Impression log loading and out-of-fold rate encoding."""
from pathlib import Path
from typing import Tuple

import numpy as np
import pandas as pd
from sklearn.model_selection import KFold

ROOT = Path(__file__).parent


def load_impressions(name: str = "impressions.csv") -> pd.DataFrame:
    df = pd.read_csv(ROOT / "data" / name)
    df["hour_sin"] = np.sin(2 * np.pi * df["hour"] / 24)
    df["hour_cos"] = np.cos(2 * np.pi * df["hour"] / 24)
    df["is_mobile"] = (df["device"] != "desktop").astype(int)
    return df


def _smoothed(stats: pd.DataFrame, prior: float, m: float) -> pd.Series:
    return (stats["sum"] + prior * m) / (stats["count"] + m)


def rate_encode(
    train: pd.DataFrame, test: pd.DataFrame, col: str, target: str, m: float = 30.0, seed: int = 0
) -> Tuple[pd.Series, pd.Series]:
    """Out-of-fold encoding for train rows; full-train mapping for test rows."""
    prior = train[target].mean()
    oof = pd.Series(prior, index=train.index, dtype=float)
    for fit_idx, enc_idx in KFold(n_splits=5, shuffle=True, random_state=seed).split(train):
        part = train.iloc[fit_idx]
        stats = part.groupby(col)[target].agg(["sum", "count"])
        rates = _smoothed(stats, part[target].mean(), m)
        rows = train.index[enc_idx]
        oof.loc[rows] = train.loc[rows, col].map(rates).fillna(prior).to_numpy()
    full = _smoothed(train.groupby(col)[target].agg(["sum", "count"]), prior, m)
    return oof, test[col].map(full).fillna(prior)
