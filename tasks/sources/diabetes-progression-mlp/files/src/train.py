"""Train and evaluate the one-year progression model.

    python src/train.py [--seed 3] [--hidden 16] [--alpha 1.0]

Prints cross-validated and held-out errors (in progression-score units) next
to a predict-the-mean baseline, and writes the held-out predictions to
outputs/test_predictions.csv for the clinical review.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import mean_absolute_error, mean_squared_error, r2_score
from sklearn.model_selection import KFold

sys.path.insert(0, str(Path(__file__).resolve().parent))

from data import ROOT, load_cohort, split_cohort  # noqa: E402
from model import ProgressionModel  # noqa: E402


def regression_report(y_true, y_pred) -> dict[str, float]:
    return {
        "mae": mean_absolute_error(y_true, y_pred),
        "rmse": float(np.sqrt(mean_squared_error(y_true, y_pred))),
        "r2": r2_score(y_true, y_pred),
    }


def cross_validated_mae(X: pd.DataFrame, y: pd.Series, args: argparse.Namespace) -> float:
    folds = KFold(n_splits=5, shuffle=True, random_state=args.seed)
    maes = []
    for tr, va in folds.split(X):
        model = ProgressionModel(args.hidden, args.alpha, args.seed).fit(X.iloc[tr], y.iloc[tr])
        maes.append(mean_absolute_error(y.iloc[va], model.predict(X.iloc[va])))
    return float(np.mean(maes))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--hidden", type=int, default=16)
    parser.add_argument("--alpha", type=float, default=1.0)
    args = parser.parse_args()

    X, y = load_cohort()
    X_train, X_test, y_train, y_test = split_cohort(X, y, args.seed)
    print(f"patients: {len(X)}  train: {len(X_train)}  test: {len(X_test)}")

    cv_mae = cross_validated_mae(X_train, y_train, args)
    model = ProgressionModel(args.hidden, args.alpha, args.seed).fit(X_train, y_train)
    pred = model.predict(X_test)
    test = regression_report(y_test, pred)
    baseline = mean_absolute_error(y_test, np.full(len(y_test), y_train.mean()))

    out = ROOT / "outputs"
    out.mkdir(exist_ok=True)
    pd.DataFrame({"observed": y_test.to_numpy(), "predicted": pred}, index=y_test.index).to_csv(
        out / "test_predictions.csv", index_label="row"
    )

    print(f"baseline_mae: {baseline:.2f}")
    print(f"cv_mae: {cv_mae:.2f}")
    print(f"test_mae: {test['mae']:.2f}")
    print(f"test_rmse: {test['rmse']:.2f}")
    print(f"test_r2: {test['r2']:.3f}")


if __name__ == "__main__":
    main()
