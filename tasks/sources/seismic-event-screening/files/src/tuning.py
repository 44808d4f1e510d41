"""Hyper-parameter search for the event classifier."""

from __future__ import annotations

import pandas as pd
from sklearn.model_selection import GridSearchCV, StratifiedKFold
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

PARAM_GRID = {
    "svc__C": [0.3, 1.0, 3.0, 10.0, 100.0],
    "svc__gamma": [0.01, 0.03, 0.1, 0.3, 1.0],
}
FOLDS = 5


def make_pipeline() -> Pipeline:
    return Pipeline([("scale", StandardScaler()), ("svc", SVC(kernel="rbf"))])


def grid_table(X, y, seed: int) -> pd.DataFrame:
    """Score every grid point with stratified k-fold CV; one row per parameter setting."""
    search = GridSearchCV(
        make_pipeline(),
        PARAM_GRID,
        cv=StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=seed),
        scoring="accuracy",
        return_train_score=True,
        refit=False,
        n_jobs=1,
    )
    search.fit(X, y)
    cols = ["params", "mean_train_score", "std_train_score", "mean_test_score", "std_test_score"]
    return pd.DataFrame(search.cv_results_)[cols]


def choose_params(table: pd.DataFrame) -> tuple[dict, float]:
    ranked = table.sort_values("mean_train_score", ascending=False, kind="stable")
    top = ranked.iloc[0]
    return dict(top["params"]), float(top["mean_train_score"])


def tune(X, y, seed: int) -> tuple[Pipeline, dict, float]:
    """Pick the grid point, then refit the pipeline with it on all of X, y."""
    params, score = choose_params(grid_table(X, y, seed))
    model = make_pipeline().set_params(**params).fit(X, y)
    return model, params, score
