"""Measure the unrestricted tree (original) against restricted trees over split seeds.

    .venv/bin/python tasks/sources/roast-profile-cupping/measure.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from sklearn.metrics import r2_score
from sklearn.model_selection import GridSearchCV, KFold, train_test_split
from sklearn.tree import DecisionTreeRegressor

sys.path.insert(0, str(Path(__file__).resolve().parent))
from task import FEATURES_ORDER, simulate  # noqa: E402


def cv_tree(seed):
    grid = {"max_depth": [2, 3, 4, 5, 6, 8], "min_samples_leaf": [1, 5, 10, 20]}
    return GridSearchCV(DecisionTreeRegressor(random_state=seed), grid, cv=KFold(5, shuffle=True, random_state=seed),
                        scoring="r2", n_jobs=1)


MODELS = {
    "original (unrestricted)": lambda s: DecisionTreeRegressor(random_state=s),
    "solution (CV depth/leaf)": cv_tree,
    "max_depth=4": lambda s: DecisionTreeRegressor(max_depth=4, random_state=s),
    "max_depth=5": lambda s: DecisionTreeRegressor(max_depth=5, random_state=s),
    "max_depth=3": lambda s: DecisionTreeRegressor(max_depth=3, random_state=s),
    "min_samples_leaf=10": lambda s: DecisionTreeRegressor(min_samples_leaf=10, random_state=s),
    "min_samples_leaf=20": lambda s: DecisionTreeRegressor(min_samples_leaf=20, random_state=s),
    "depth5_leaf10": lambda s: DecisionTreeRegressor(max_depth=5, min_samples_leaf=10, random_state=s),
    "ccp_alpha=0.1": lambda s: DecisionTreeRegressor(ccp_alpha=0.1, random_state=s),
    "bad: max_depth=20": lambda s: DecisionTreeRegressor(max_depth=20, random_state=s),
    "bad: max_depth=10": lambda s: DecisionTreeRegressor(max_depth=10, random_state=s),
    "bad: max_depth=1": lambda s: DecisionTreeRegressor(max_depth=1, random_state=s),
    "max_depth=6": lambda s: DecisionTreeRegressor(max_depth=6, random_state=s),
    "bad: max_depth=8": lambda s: DecisionTreeRegressor(max_depth=8, random_state=s),
    "min_samples_leaf=5": lambda s: DecisionTreeRegressor(min_samples_leaf=5, random_state=s),
    "min_samples_leaf=30": lambda s: DecisionTreeRegressor(min_samples_leaf=30, random_state=s),
    "min_samples_split=20": lambda s: DecisionTreeRegressor(min_samples_split=20, random_state=s),
    "bad: criterion=absolute_error": lambda s: DecisionTreeRegressor(criterion="absolute_error", random_state=s),
}


def main() -> None:
    df = simulate()
    X, y = df[FEATURES_ORDER], df["cupping_score"].to_numpy()
    seeds = [42] + list(range(20))
    for name, make in MODELS.items():
        tr, te = [], []
        for s in seeds:
            Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.25, random_state=s)
            m = make(s).fit(Xtr, ytr)
            tr.append(r2_score(ytr, m.predict(Xtr)))
            te.append(r2_score(yte, m.predict(Xte)))
        tr, te = np.array(tr), np.array(te)
        print(f"{name:<26} seed42 train {tr[0]:.3f} test {te[0]:.3f} | 20 seeds train {tr[1:].mean():.3f} "
              f"test {te[1:].mean():.3f} +/- {te[1:].std():.3f} (min {te[1:].min():.3f} max {te[1:].max():.3f}) "
              f"gap {np.mean(tr[1:] - te[1:]):.3f}")


if __name__ == "__main__":
    main()
