# expect: OVERFITTING@13-17
"""Fitting and reporting helpers for the end-of-year exam model."""
from typing import Dict

import numpy as np
from sklearn.base import RegressorMixin
from sklearn.metrics import mean_absolute_error, r2_score


def fit_and_report(model: RegressorMixin, X, y) -> Dict[str, float]:
    """Fit the model and return the headline metrics for the report."""
    model.fit(X, y)
    pred = model.predict(X)
    return {
        "r2": float(r2_score(y, pred)),
        "mae_points": float(mean_absolute_error(y, pred)),
    }


def format_report(name: str, metrics: Dict[str, float]) -> str:
    lines = [f"== {name} =="]
    for k, v in metrics.items():
        lines.append(f"{k:>12s}: {v:.3f}")
    return "\n".join(lines)


def band_accuracy(y_true, y_pred, width: float = 10.0) -> float:
    return float(np.mean(np.floor(np.asarray(y_true) / width) == np.floor(np.asarray(y_pred) / width)))
