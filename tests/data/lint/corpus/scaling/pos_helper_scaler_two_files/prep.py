# expect: SCALING_ERROR@16
import numpy as np
import pandas as pd
from sklearn.preprocessing import StandardScaler

NUMERIC = ["amount", "balance_before", "n_txn_24h", "account_age_days", "distance_home_km"]


def read(path: str) -> pd.DataFrame:
    return pd.read_csv(path)


def standardize(frame: pd.DataFrame) -> np.ndarray:
    """Return the numeric block as a z-scored float matrix."""
    scaler = StandardScaler()
    return scaler.fit_transform(frame[NUMERIC].astype(float))
