"""Feature construction for the order-line return model."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

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
    """Numeric columns, log price, one-hot category/channel and the rate columns."""
    X = orders[NUMERIC].astype(float).copy()
    X["log_price"] = np.log1p(orders["unit_price"])
    X["tenure_years"] = orders["customer_tenure_days"] / 365.25
    for column in RATE_COLUMNS:
        X[f"{column}_return_rate"] = orders[f"{column}_return_rate"]
    dummies = pd.get_dummies(orders[CATEGORICAL], dtype=float)
    return pd.concat([X, dummies], axis=1)
