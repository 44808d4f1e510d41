"""Loading and splitting the greenhouse trial records."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from sklearn.model_selection import train_test_split

ROOT = Path(__file__).resolve().parents[1]
DATA_PATH = ROOT / "data" / "bay_weeks.csv"

NUMERIC = ["mean_temp_c", "humidity_pct", "irrigation_mm", "light_hours", "co2_ppm", "soil_ph"]
CATEGORICAL = ["variety"]
TARGET = "yield_kg_m2"


def load_trials(path: Path = DATA_PATH) -> pd.DataFrame:
    df = pd.read_csv(path)
    df = df.dropna(subset=[TARGET])
    return df


def split(df: pd.DataFrame, seed: int, test_size: float = 0.25):
    X = df[NUMERIC + CATEGORICAL]
    y = df[TARGET].to_numpy()
    return train_test_split(X, y, test_size=test_size, random_state=seed)
