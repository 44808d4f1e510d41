"""Weekly yield model for the greenhouse bays.

Fits a regression from the bay's climate, irrigation and soil readings (and the
tomato variety grown) to the harvested yield, and reports how well it predicts
bay-weeks it was not fitted on.

Usage:
    python src/train.py [--seed 42]
"""

from __future__ import annotations

import argparse

import numpy as np
import pandas as pd
from sklearn.linear_model import Ridge
from sklearn.metrics import mean_absolute_error, r2_score
from sklearn.pipeline import Pipeline

from data import load_trials, split
from features import make_preprocessor


def build_model() -> Pipeline:
    return Pipeline([
        ("prep", make_preprocessor()),
        ("reg", Ridge(alpha=1.0)),
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
