# expect: NONE
import numpy as np
import pandas as pd
from sklearn.preprocessing import StandardScaler

NUMERIC = ["amount", "balance_before", "n_txn_24h", "account_age_days", "distance_home_km"]


def read(path: str) -> pd.DataFrame:
    return pd.read_csv(path)


def fit_scaler(frame: pd.DataFrame) -> StandardScaler:
    return StandardScaler().fit(frame[NUMERIC].astype(float))


def standardize(frame: pd.DataFrame, scaler: StandardScaler) -> np.ndarray:
    return scaler.transform(frame[NUMERIC].astype(float))
