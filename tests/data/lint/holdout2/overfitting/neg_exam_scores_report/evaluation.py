# expect: NONE
"""Fitting and reporting helpers for the end-of-year exam model."""
from typing import Dict

import numpy as np
from sklearn.base import RegressorMixin, clone
from sklearn.model_selection import KFold, cross_validate


def cv_report(model: RegressorMixin, X, y, folds: int = 5) -> Dict[str, float]:
    """Cross-validated headline metrics; train-fold scores kept only as a gap check."""
    res = cross_validate(
        clone(model), X, y,
        cv=KFold(folds, shuffle=True, random_state=0),
        scoring={"r2": "r2", "mae": "neg_mean_absolute_error"},
        return_train_score=True,
    )
    return {
        "r2": float(np.mean(res["test_r2"])),
        "mae_points": float(-np.mean(res["test_mae"])),
        "train_test_r2_gap": float(np.mean(res["train_r2"]) - np.mean(res["test_r2"])),
    }


def format_report(name: str, metrics: Dict[str, float]) -> str:
    lines = [f"== {name} (5-fold CV) =="]
    for k, v in metrics.items():
        lines.append(f"{k:>18s}: {v:.3f}")
    return "\n".join(lines)
