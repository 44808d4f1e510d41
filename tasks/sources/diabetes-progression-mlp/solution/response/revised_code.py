"""Train and evaluate the one-year progression model (revised, standalone).

    python response/revised_code.py [--seed 3] [--hidden 16] [--alpha 1.0]

Same data handling, model and evaluation as src/data.py + src/model.py +
src/train.py, with one change: ProgressionModel.predict maps the network's
output, which is in standardised-target units, back to progression-score
units with the target scaler's inverse_transform, so predictions are
compared with the observed scores on the same scale.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import mean_absolute_error, mean_squared_error, r2_score
from sklearn.model_selection import KFold, train_test_split
from sklearn.neural_network import MLPRegressor
from sklearn.preprocessing import StandardScaler

ROOT = Path(__file__).resolve().parents[1]
COHORT_CSV = ROOT / "data" / "cohort.csv"
TARGET = "progression_1y"
FEATURES = ["age", "sex", "bmi", "map_mmhg", "tc", "ldl", "hdl", "tc_hdl", "ltg", "glucose"]


def load_cohort(path: Path = COHORT_CSV) -> tuple[pd.DataFrame, pd.Series]:
    df = pd.read_csv(path)
    df = df.dropna(subset=[TARGET])
    return df[FEATURES], df[TARGET]


def split_cohort(X: pd.DataFrame, y: pd.Series, seed: int, test_size: float = 0.2):
    return train_test_split(X, y, test_size=test_size, random_state=seed)


class ProgressionModel:
    """Standardises inputs and target, then fits a one-hidden-layer MLP."""

    def __init__(self, hidden: int = 16, alpha: float = 1.0, seed: int = 0):
        self.hidden = hidden
        self.alpha = alpha
        self.seed = seed

    def fit(self, X: pd.DataFrame, y: pd.Series) -> "ProgressionModel":
        self.x_scaler_ = StandardScaler().fit(X)
        self.y_scaler_ = StandardScaler().fit(y.to_numpy().reshape(-1, 1))
        self.net_ = MLPRegressor(
            hidden_layer_sizes=(self.hidden,),
            alpha=self.alpha,
            learning_rate_init=0.01,
            max_iter=500,
            early_stopping=True,
            random_state=self.seed,
        )
        y_std = self.y_scaler_.transform(y.to_numpy().reshape(-1, 1)).ravel()
        self.net_.fit(self.x_scaler_.transform(X), y_std)
        return self

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        z = self.net_.predict(self.x_scaler_.transform(X))
        return self.y_scaler_.inverse_transform(z.reshape(-1, 1)).ravel()


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
