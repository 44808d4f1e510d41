"""Loading and splitting the cohort table."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from sklearn.model_selection import train_test_split

ROOT = Path(__file__).resolve().parents[1]
COHORT_CSV = ROOT / "data" / "cohort.csv"
TARGET = "progression_1y"
ID_COLUMN = "patient_id"
FEATURES = ["age", "sex", "bmi", "map_mmhg", "tc", "ldl", "hdl", "tc_hdl", "ltg", "glucose"]


def load_cohort(path: Path = COHORT_CSV) -> tuple[pd.DataFrame, pd.Series]:
    df = pd.read_csv(path)
    df = df.dropna(subset=[TARGET])
    return df[FEATURES], df[TARGET]


def split_cohort(X: pd.DataFrame, y: pd.Series, seed: int, test_size: float = 0.2):
    return train_test_split(X, y, test_size=test_size, random_state=seed)
