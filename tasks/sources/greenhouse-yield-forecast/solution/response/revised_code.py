"""Weekly yield model for the greenhouse bays (corrected).

Fits a regression from the bay's climate, irrigation and soil readings (and the
tomato variety grown) to the harvested yield, and reports how well it predicts
bay-weeks it was not fitted on.

Yield responds non-linearly to the inputs (an optimum temperature and soil pH,
a drop-off below a minimum irrigation, light and CO2 that only pay off
together), so the linear Ridge model is replaced by gradient-boosted trees,
which can represent optima, thresholds and interactions. Data loading, the
split and the preprocessing are unchanged.

Usage:
    python response/revised_code.py [--seed 42]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.metrics import mean_absolute_error, r2_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

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


def make_preprocessor() -> ColumnTransformer:
    return ColumnTransformer([
        ("num", StandardScaler(), NUMERIC),
        ("cat", OneHotEncoder(handle_unknown="ignore"), CATEGORICAL),
    ])


def build_model() -> Pipeline:
    return Pipeline([
        ("prep", make_preprocessor()),
        ("reg", GradientBoostingRegressor(n_estimators=200, learning_rate=0.05, max_depth=3, random_state=0)),
    ])


def evaluate(model: Pipeline, X: pd.DataFrame, y: np.ndarray) -> dict[str, float]:
    pred = model.predict(X)
    return {"r2": r2_score(y, pred), "mae": mean_absolute_error(y, pred)}


def mae_by_variety(model: Pipeline, X: pd.DataFrame, y: np.ndarray) -> pd.Series:
    err = np.abs(model.predict(X) - y)
    return pd.Series(err, index=X.index).groupby(X["variety"]).mean()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()

    df = load_trials()
    X_train, X_test, y_train, y_test = split(df, args.seed)
    print(f"bay-weeks: {len(df)}  train: {len(X_train)}  test: {len(X_test)}")

    model = build_model().fit(X_train, y_train)
    train = evaluate(model, X_train, y_train)
    test = evaluate(model, X_test, y_test)

    print(f"train_r2: {train['r2']:.3f}")
    print(f"train_mae: {train['mae']:.3f}")
    print(f"test_r2: {test['r2']:.3f}")
    print(f"test_mae: {test['mae']:.3f}")
    for variety, err in mae_by_variety(model, X_test, y_test).items():
        print(f"  test_mae[{variety}]: {err:.3f}")


if __name__ == "__main__":
    main()
