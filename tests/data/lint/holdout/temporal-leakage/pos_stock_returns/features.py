"""Technical indicators used by the direction classifier."""
# expect: DATA_LEAKAGE@26
import numpy as np
import pandas as pd


def rsi(close: pd.Series, window: int = 14) -> pd.Series:
    delta = close.diff()
    up = delta.clip(lower=0).rolling(window).mean()
    down = (-delta.clip(upper=0)).rolling(window).mean()
    rs = up / down.replace(0, np.nan)
    return 100 - 100 / (1 + rs)


def add_indicators(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    close = out["close"]
    out["ret_1d"] = close.pct_change()
    out["ret_5d"] = close.pct_change(5)
    out["vol_20d"] = out["ret_1d"].rolling(20).std() * np.sqrt(252)
    out["sma_ratio"] = close.rolling(10).mean() / close.rolling(50).mean()
    out["rsi_14"] = rsi(close)
    out["volume_z"] = (out["volume"] - out["volume"].rolling(20).mean()) / out["volume"].rolling(20).std()
    out["gap"] = out["open"] / close.shift(1) - 1
    out["range_pct"] = (out["high"] - out["low"]) / close
    out["close_delta"] = close.diff(-1)
    return out


FEATURES = [
    "ret_1d", "ret_5d", "vol_20d", "sma_ratio", "rsi_14",
    "volume_z", "gap", "range_pct", "close_delta",
]
