# expect: DATA_LEAKAGE@12
import pandas as pd

HORIZONS = (1, 3, 7)


def add_window_features(df: pd.DataFrame, col: str) -> pd.DataFrame:
    out = df.copy()
    for h in HORIZONS:
        out[f"{col}_lag{h}"] = out[col].shift(h)
    out[f"{col}_mean7"] = out[col].rolling(7, min_periods=1).mean()
    out[f"{col}_trend"] = out[col].shift(-7) - out[col]
    return out


def calendar(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    out["dow"] = out.index.dayofweek
    out["month"] = out.index.month
    return out
