"""Lag / window features for the bike-share demand model."""
import pandas as pd

LAGS = (1, 2, 24, 168)


def lag_features(df: pd.DataFrame, col: str = "count") -> pd.DataFrame:
    """All windows are computed on values strictly before each row."""
    out = df.copy()
    past = out[col].shift(1)
    for k in LAGS:
        out[f"{col}_lag_{k}"] = out[col].shift(k)
    out[f"{col}_roll_mean_24"] = past.rolling(24, min_periods=12).mean()
    out[f"{col}_roll_max_24"] = past.rolling(24, min_periods=12).max()
    out[f"{col}_ewm_12"] = past.ewm(span=12, adjust=False).mean()
    out[f"{col}_diff_24"] = out[f"{col}_lag_1"] - out[f"{col}_lag_24"]
    return out


def calendar_features(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    idx = out.index
    out["hour"] = idx.hour
    out["dayofweek"] = idx.dayofweek
    out["month"] = idx.month
    out["is_weekend"] = (idx.dayofweek >= 5).astype(int)
    return out


def time_split(df: pd.DataFrame, test_start: str):
    train = df.loc[df.index < test_start]
    test = df.loc[df.index >= test_start]
    return train, test
