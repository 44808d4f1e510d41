"""Daily labour-hours model for the fulfilment centre.

Fits a ridge regression on the daily operations log up to the cut-off date,
back-tests it with expanding-window cross-validation, and evaluates it on the
days after the cut-off as if they had been forecast from the order plan.

    python response/revised_code.py [--cutoff 2024-07-01] [--alpha 0.1]

Revised, standalone version of src/forecast.py + src/features.py: the
MinMaxScalers no longer clip to [0, 1], so order volumes above the training
period's maximum are not capped at that maximum.
"""

import argparse
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.linear_model import Ridge
from sklearn.metrics import mean_absolute_error, mean_absolute_percentage_error
from sklearn.model_selection import TimeSeriesSplit, cross_val_score
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import MinMaxScaler

VOLUME = ["orders", "order_lines", "returns_received"]
MIX = ["lines_per_order", "multi_item_share", "temp_staff_share"]
FLAGS = ["is_weekend", "promo_day"]
FEATURES = VOLUME + MIX + FLAGS
TARGET = "labour_hours"


def add_features(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    out["date"] = pd.to_datetime(out["date"])
    out["order_lines"] = out["orders"] * out["lines_per_order"]
    return out


def make_preprocessor() -> ColumnTransformer:
    """Min-max scale the volume and mix columns with the training range; the 0/1 flags pass through.

    No clipping: days busier than anything in the training period keep values
    above 1, so the linear model can extrapolate the labour they need.
    """
    return ColumnTransformer(
        [
            ("volume", MinMaxScaler(), VOLUME),
            ("mix", MinMaxScaler(), MIX),
            ("flags", "passthrough", FLAGS),
        ]
    )


DATA = Path(__file__).resolve().parents[1] / "data" / "daily_operations.csv"


def build_model(alpha: float) -> Pipeline:
    return Pipeline([("prep", make_preprocessor()), ("ridge", Ridge(alpha=alpha))])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cutoff", default="2024-07-01")
    parser.add_argument("--alpha", type=float, default=0.1)
    args = parser.parse_args()

    df = add_features(pd.read_csv(DATA)).sort_values("date").reset_index(drop=True)
    train = df[df["date"] < args.cutoff]
    test = df[df["date"] >= args.cutoff]
    print(f"train days: {len(train)} ({train['date'].min():%Y-%m-%d} .. {train['date'].max():%Y-%m-%d})")
    print(f"test days: {len(test)} ({test['date'].min():%Y-%m-%d} .. {test['date'].max():%Y-%m-%d})")

    backtest = cross_val_score(
        build_model(args.alpha), train[FEATURES], train[TARGET],
        cv=TimeSeriesSplit(n_splits=5), scoring="neg_mean_absolute_error",
    )
    model = build_model(args.alpha).fit(train[FEATURES], train[TARGET])
    pred = model.predict(test[FEATURES])
    actual = test[TARGET].to_numpy()
    busiest = actual >= np.quantile(actual, 0.8)

    print(f"backtest_mae: {-backtest.mean():.1f}")
    print(f"test_mae: {mean_absolute_error(actual, pred):.1f}")
    print(f"test_mape: {100 * mean_absolute_percentage_error(actual, pred):.2f}")
    print(f"test_bias: {np.mean(pred - actual):.1f}")
    print(f"busiest_days_mae: {mean_absolute_error(actual[busiest], pred[busiest]):.1f}")


if __name__ == "__main__":
    main()
