"""Defect-risk model for the bottling line.

Trains a logistic-regression model on the inspected production history
(January-September), checks it on the most recent history months, and then
scores the fully inspected October run to see how many defective units it
would have caught before shipping.

    python response/revised_code.py [--threshold 0.5] [--C 1.0]

Revised: the standardisation is learnt once, on the data the model is trained
on, and kept with the model (a Pipeline), so validation months and the
October run are transformed with the training means and standard deviations
instead of being re-standardised with their own statistics.
"""

import argparse
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score, precision_score, recall_score, roc_auc_score
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import StandardScaler

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
SENSORS = [
    "fill_volume_ml",
    "cap_torque_nm",
    "seal_temp_c",
    "line_speed_bpm",
    "vibration_rms",
    "ambient_humidity_pct",
    "bottle_weight_g",
]
LABEL = "defect"
VALIDATION_MONTHS = (8, 9)


def load(name: str) -> pd.DataFrame:
    df = pd.read_csv(DATA_DIR / name)
    return df.dropna(subset=SENSORS + [LABEL])


def sensor_matrix(df: pd.DataFrame) -> np.ndarray:
    return df[SENSORS].to_numpy(dtype=float)


def train(df: pd.DataFrame, C: float) -> Pipeline:
    model = make_pipeline(StandardScaler(), LogisticRegression(C=C, class_weight="balanced", max_iter=1000))
    return model.fit(sensor_matrix(df), df[LABEL].to_numpy())


def report(name: str, model: Pipeline, df: pd.DataFrame, threshold: float) -> None:
    y = df[LABEL].to_numpy()
    proba = model.predict_proba(sensor_matrix(df))[:, 1]
    flagged = (proba >= threshold).astype(int)
    print(f"{name}_units: {len(df)}  defects: {int(y.sum())}  flagged: {int(flagged.sum())}")
    print(f"{name}_auc: {roc_auc_score(y, proba):.3f}")
    print(f"{name}_precision: {precision_score(y, flagged, zero_division=0):.3f}")
    print(f"{name}_recall: {recall_score(y, flagged):.3f}")
    print(f"{name}_f1: {f1_score(y, flagged):.3f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--C", type=float, default=1.0)
    args = parser.parse_args()

    history = load("history.csv")
    october = load("october_run.csv")
    print(f"history: {len(history)} units, defect rate {history[LABEL].mean():.3f}")

    is_valid = history["month"].isin(VALIDATION_MONTHS)
    model = train(history[~is_valid], args.C)
    report("valid", model, history[is_valid], args.threshold)

    model = train(history, args.C)
    report("october", model, october, args.threshold)


if __name__ == "__main__":
    main()
