# expect: DATA_LEAKAGE@22
"""Load the impression log and derive placement-level features."""
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).parent
CATEGORICAL = ["publisher", "ad_slot", "device", "creative_size"]


def _hour_features(df: pd.DataFrame) -> pd.DataFrame:
    df["hour_sin"] = np.sin(2 * np.pi * df["hour"] / 24)
    df["hour_cos"] = np.cos(2 * np.pi * df["hour"] / 24)
    return df


def load_impressions(name: str = "impressions.csv") -> pd.DataFrame:
    df = pd.read_csv(ROOT / "data" / name)
    df = _hour_features(df)
    for col in ("publisher", "ad_slot"):
        df[f"{col}_ctr"] = df.groupby(col)["clicked"].transform("mean")
    df["is_mobile"] = (df["device"] != "desktop").astype(int)
    return df


def model_columns(df: pd.DataFrame) -> list:
    drop = set(CATEGORICAL) | {"clicked", "impression_id", "hour"}
    return [c for c in df.columns if c not in drop]
