"""Loading and feature preparation for the pump sensor snapshots."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

TARGET = "failed_within_7d"
SENSORS = [
    "vibration_rms",
    "bearing_temp_c",
    "discharge_pressure_bar",
    "flow_m3h",
    "motor_current_a",
    "hours_since_service",
    "pump_age_years",
]


def load_snapshots(path: Path) -> pd.DataFrame:
    df = pd.read_csv(path)
    missing = [c for c in SENSORS + [TARGET] if c not in df.columns]
    if missing:
        raise ValueError(f"{path} lacks columns {missing}")
    return df


def expected_current(flow: pd.Series) -> pd.Series:
    """Motor current a healthy pump draws at a given flow (from the vendor's curve)."""
    return 12.0 + 0.25 * flow


def build_features(df: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray]:
    X = df[SENSORS].copy()
    X["current_excess"] = (df["motor_current_a"] - expected_current(df["flow_m3h"])).abs()
    X["log_vibration"] = np.log(df["vibration_rms"])
    X["service_kh"] = df["hours_since_service"] / 1000.0
    X = X.drop(columns=["hours_since_service"])
    y = df[TARGET].to_numpy(dtype=int)
    return X, y
