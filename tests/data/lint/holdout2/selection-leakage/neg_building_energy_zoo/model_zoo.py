# expect: NONE
"""Candidate regressors for annual building energy use."""
from typing import Dict, Tuple

from sklearn.base import RegressorMixin, clone
from sklearn.ensemble import GradientBoostingRegressor, RandomForestRegressor
from sklearn.linear_model import RidgeCV
from sklearn.metrics import r2_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def candidates() -> Dict[str, RegressorMixin]:
    return {
        "ridge": make_pipeline(StandardScaler(), RidgeCV(alphas=[0.1, 1.0, 10.0, 100.0])),
        "rf": RandomForestRegressor(n_estimators=400, min_samples_leaf=3, random_state=0),
        "gbr_shallow": GradientBoostingRegressor(max_depth=2, n_estimators=500, learning_rate=0.05),
        "gbr_deep": GradientBoostingRegressor(max_depth=4, n_estimators=300, learning_rate=0.05),
    }


def choose_on_validation(X_fit, y_fit, X_val, y_val) -> Tuple[str, RegressorMixin]:
    """Pick the candidate with the best validation R2 (validation carved from train)."""
    best_name, best_r2 = None, float("-inf")
    for name, proto in candidates().items():
        r2 = r2_score(y_val, clone(proto).fit(X_fit, y_fit).predict(X_val))
        print(f"  {name:<12s} val R2={r2:.3f}")
        if r2 > best_r2:
            best_name, best_r2 = name, r2
    return best_name, clone(candidates()[best_name])
