"""Train the return-risk model for online order lines (corrected).

Same data, features, model, split and seed as src/train.py. The only change:
the per-SKU and per-brand return-rate tables are computed from the training
split alone, after train_test_split, and then applied to both splits. Levels
not seen in training fall back to the training-set return rate.

Run from /app:  python response/revised_code.py
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.metrics import average_precision_score, brier_score_loss, roc_auc_score
from sklearn.model_selection import train_test_split

DEFAULT_DATA = Path("data") / "order_lines.csv"
TARGET = "returned"
RATE_COLUMNS = ["sku", "brand"]
PRIOR_WEIGHT = 5.0
CATEGORICAL = ["category", "channel"]
NUMERIC = ["unit_price", "discount_pct", "quantity", "customer_tenure_days", "customer_prior_returns"]


def load_orders(path: Path) -> pd.DataFrame:
    orders = pd.read_csv(path)
    orders = orders.dropna(subset=[TARGET])
    orders[TARGET] = orders[TARGET].astype(int)
    return orders


def historical_rates(orders: pd.DataFrame, column: str, prior_weight: float = PRIOR_WEIGHT) -> tuple[pd.Series, float]:
    """Return rate per level of `column`, shrunk towards the overall rate for rarely seen levels."""
    overall = float(orders[TARGET].mean())
    stats = orders.groupby(column)[TARGET].agg(["sum", "count"])
    rates = (stats["sum"] + prior_weight * overall) / (stats["count"] + prior_weight)
    return rates, overall


def add_rate_features(orders: pd.DataFrame, tables: dict[str, tuple[pd.Series, float]]) -> pd.DataFrame:
    out = orders.copy()
    for column, (rates, overall) in tables.items():
        out[f"{column}_return_rate"] = out[column].map(rates).fillna(overall).astype(float)
    return out


def design_matrix(orders: pd.DataFrame) -> pd.DataFrame:
    X = orders[NUMERIC].astype(float).copy()
    X["log_price"] = np.log1p(orders["unit_price"])
    X["tenure_years"] = orders["customer_tenure_days"] / 365.25
    for column in RATE_COLUMNS:
        X[f"{column}_return_rate"] = orders[f"{column}_return_rate"]
    dummies = pd.get_dummies(orders[CATEGORICAL], dtype=float)
    return pd.concat([X, dummies], axis=1)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--test-size", type=float, default=0.25)
    return parser.parse_args()


def build_model(seed: int) -> GradientBoostingClassifier:
    return GradientBoostingClassifier(
        n_estimators=120, learning_rate=0.06, max_depth=3, subsample=0.8, min_samples_leaf=20, random_state=seed
    )


def evaluate(model, X: pd.DataFrame, y: np.ndarray) -> dict[str, float]:
    proba = model.predict_proba(X)[:, 1]
    return {
        "roc_auc": roc_auc_score(y, proba),
        "pr_auc": average_precision_score(y, proba),
        "brier": brier_score_loss(y, proba),
    }


def main() -> None:
    args = parse_args()
    orders = load_orders(args.data)
    print(f"order lines: {len(orders)}  skus: {orders['sku'].nunique()}  return rate: {orders[TARGET].mean():.3f}")

    # Split first; the rate tables may only see the training rows' labels.
    train, test = train_test_split(orders, test_size=args.test_size, stratify=orders[TARGET], random_state=args.seed)
    tables = {column: historical_rates(train, column) for column in RATE_COLUMNS}
    train, test = add_rate_features(train, tables), add_rate_features(test, tables)

    X_train, X_test = design_matrix(train), design_matrix(test)
    X_test = X_test.reindex(columns=X_train.columns, fill_value=0.0)
    model = build_model(args.seed).fit(X_train, train[TARGET].to_numpy())
    metrics = evaluate(model, X_test, test[TARGET].to_numpy())

    print(f"train rows: {len(train)}  test rows: {len(test)}")
    print(f"test_roc_auc: {metrics['roc_auc']:.3f}")
    print(f"test_pr_auc: {metrics['pr_auc']:.3f}")
    print(f"test_brier: {metrics['brier']:.4f}")


if __name__ == "__main__":
    main()
