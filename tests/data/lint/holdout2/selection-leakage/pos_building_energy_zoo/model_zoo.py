# expect: DATA_LEAKAGE@27
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


def choose_and_report(X_train, y_train, X_test, y_test) -> Tuple[str, RegressorMixin, float]:
    """Fit every candidate and return the winner with its hold-out R2."""
    best_name, best_model, best_r2 = None, None, float("-inf")
    for name, proto in candidates().items():
        model = clone(proto).fit(X_train, y_train)
        r2 = r2_score(y_test, model.predict(X_test))
        print(f"  {name:<12s} R2={r2:.3f}")
        if r2 > best_r2:
            best_name, best_model, best_r2 = name, model, r2
    return best_name, best_model, best_r2
