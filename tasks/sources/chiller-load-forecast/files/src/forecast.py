"""Hourly chiller electrical load model for the Harbour Street office building.

Trains a support-vector regression on the building-management-system log
(weather, solar gain, occupancy) and checks it on the most recent four weeks,
which the energy manager uses to flag days when the plant draws more than the
model expects.

Usage:
    python src/forecast.py [--log data/plant_log.csv] [--test-days 28]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import mean_absolute_error, r2_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVR

ROOT = Path(__file__).resolve().parents[1]
SENSORS = ["outdoor_temp_c", "rel_humidity_pct", "solar_wm2", "occupancy"]
FEATURES = SENSORS + ["hour", "workday"]
TARGET = "chiller_kw"


def load_log(path: Path) -> pd.DataFrame:
    log = pd.read_csv(path, parse_dates=["timestamp"]).sort_values("timestamp")
    log["hour"] = log["timestamp"].dt.hour
    log["workday"] = (log["timestamp"].dt.day_of_week < 5).astype(int)
    return log.dropna(subset=SENSORS + [TARGET]).reset_index(drop=True)


def split_by_time(log: pd.DataFrame, test_days: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    cutoff = log["timestamp"].max().normalize() - pd.Timedelta(days=test_days - 1)
    return log[log["timestamp"] < cutoff], log[log["timestamp"] >= cutoff]


def screen_readings(frame: pd.DataFrame, columns: list[str], limit: float = 3.0) -> pd.DataFrame:
    """Discard hours in which any reading is more than `limit` standard deviations from normal."""
    values = frame[columns]
    score = (values - values.mean()) / values.std()
    return frame[(score.abs() <= limit).all(axis=1)]


def build_model() -> object:
    return make_pipeline(StandardScaler(), SVR(kernel="rbf", C=200.0, epsilon=2.0, gamma="scale"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--log", type=Path, default=ROOT / "data" / "plant_log.csv")
    parser.add_argument("--test-days", type=int, default=28)
    args = parser.parse_args()

    log = load_log(args.log)
    train, test = split_by_time(log, args.test_days)
    kept = screen_readings(train, SENSORS + [TARGET])
    print(f"hours: {len(log)}  train: {len(train)} (kept {len(kept)})  test: {len(test)}")

    model = build_model().fit(kept[FEATURES], kept[TARGET])
    pred = model.predict(test[FEATURES])
    actual = test[TARGET].to_numpy()
    print(f"test_mae_kw: {mean_absolute_error(actual, pred):.2f}")
    print(f"test_r2: {r2_score(actual, pred):.3f}")
    print(f"test_mape: {np.mean(np.abs(actual - pred) / actual):.4f}")


if __name__ == "__main__":
    main()
