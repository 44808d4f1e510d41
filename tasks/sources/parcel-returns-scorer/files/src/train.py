"""Train the return-risk model for online order lines.

Scores each order line with the probability that it will be sent back, so the
warehouse can plan reverse-logistics capacity and the merchandising team can
flag products with unusual return behaviour.

Usage:
    python src/train.py [--data PATH] [--seed 6] [--test-size 0.25]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.metrics import average_precision_score, brier_score_loss, roc_auc_score
from sklearn.model_selection import train_test_split

sys.path.insert(0, str(Path(__file__).resolve().parent))
from features import RATE_COLUMNS, TARGET, add_rate_features, design_matrix, historical_rates, load_orders  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT / "data" / "order_lines.csv"


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

    tables = {column: historical_rates(orders, column) for column in RATE_COLUMNS}
    orders = add_rate_features(orders, tables)
    train, test = train_test_split(orders, test_size=args.test_size, stratify=orders[TARGET], random_state=args.seed)

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
