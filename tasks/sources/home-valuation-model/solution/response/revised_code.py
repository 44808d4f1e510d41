"""Automated valuation model for residential sales.

Fits a regularised linear model on log sale price and reports its accuracy on
a held-out sample of recent sales.
"""

import argparse

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.linear_model import Ridge
from sklearn.metrics import mean_absolute_error, mean_absolute_percentage_error, r2_score
from sklearn.model_selection import KFold, cross_val_score, train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, OrdinalEncoder, StandardScaler

DATA_PATH = "data/sales.csv"
TARGET = "sale_price"
NUMERIC = ["living_area_sqft", "lot_sqft", "bedrooms", "bathrooms", "year_built", "garage_spaces"]
NOMINAL = ["neighborhood"]
GRADED = ["condition", "kitchen_quality"]
# Worst to best: the encoded value must increase with the grade.
GRADE_ORDER = ["poor", "fair", "average", "good", "excellent"]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", default=DATA_PATH)
    parser.add_argument("--alpha", type=float, default=1.0)
    parser.add_argument("--test-size", type=float, default=0.25)
    parser.add_argument("--seed", type=int, default=11)
    return parser.parse_args()


def load_sales(path):
    df = pd.read_csv(path)
    df = df.dropna(subset=[TARGET])
    df["lot_sqft"] = np.log(df["lot_sqft"])
    return df


def build_pipeline(alpha):
    features = ColumnTransformer(
        [
            ("num", StandardScaler(), NUMERIC),
            ("hood", OneHotEncoder(handle_unknown="ignore"), NOMINAL),
            ("grade", Pipeline([("enc", OrdinalEncoder(categories=[GRADE_ORDER] * len(GRADED))), ("scale", StandardScaler())]), GRADED),
        ]
    )
    return Pipeline([("features", features), ("model", Ridge(alpha=alpha))])


def evaluate(pipe, X_test, y_test):
    pred = np.expm1(pipe.predict(X_test))
    return {
        "test_mae": mean_absolute_error(y_test, pred),
        "test_mape": mean_absolute_percentage_error(y_test, pred),
        "test_r2": r2_score(y_test, pred),
    }


def main():
    args = parse_args()
    df = load_sales(args.data)
    X = df[NUMERIC + NOMINAL + GRADED]
    y = df[TARGET]
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=args.test_size, random_state=args.seed)

    pipe = build_pipeline(args.alpha)
    cv = KFold(n_splits=5, shuffle=True, random_state=args.seed)
    cv_r2 = cross_val_score(pipe, X_train, np.log1p(y_train), cv=cv, scoring="r2")
    pipe.fit(X_train, np.log1p(y_train))
    scores = evaluate(pipe, X_test, y_test)

    print(f"train rows: {len(X_train)}  test rows: {len(X_test)}")
    print(f"cv_r2_log: {cv_r2.mean():.3f} (+/- {cv_r2.std():.3f})")
    print(f"test_mae: {scores['test_mae']:.0f}")
    print(f"test_mape: {scores['test_mape']:.3f}")
    print(f"test_r2: {scores['test_r2']:.3f}")


if __name__ == "__main__":
    main()
