"""Loading and preparing the pump vibration survey."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split

LABEL = "condition"
RAW_FEATURES = [
    "load_pct",
    "shaft_speed_rpm",
    "vib_rms_mm_s",
    "kurtosis",
    "crest_factor",
    "axial_rms_mm_s",
    "harmonic_2x_ratio",
    "bearing_temp_c",
]


def load_readings(path: Path) -> pd.DataFrame:
    df = pd.read_csv(path)
    df = df.dropna(subset=RAW_FEATURES + [LABEL]).reset_index(drop=True)
    return df


def add_features(df: pd.DataFrame) -> pd.DataFrame:
    """Log-scale the vibration amplitudes and normalise them by load."""
    out = df.copy()
    out["log_rms"] = np.log(out["vib_rms_mm_s"])
    out["axial_ratio"] = out["axial_rms_mm_s"] / out["vib_rms_mm_s"]
    out["rms_per_load"] = out["vib_rms_mm_s"] / np.sqrt(out["load_pct"] / 70.0)
    return out


FEATURES = RAW_FEATURES + ["log_rms", "axial_ratio", "rms_per_load"]


def split(df: pd.DataFrame, seed: int, test_size: float = 0.25):
    X = df[FEATURES]
    y = df[LABEL].to_numpy()
    return train_test_split(X, y, test_size=test_size, stratify=y, random_state=seed)
