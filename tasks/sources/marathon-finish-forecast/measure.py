"""Measure the learning-rate-1.0, depth-6 booster (original) against regularised boosters over split seeds.

    .venv/bin/python tasks/sources/marathon-finish-forecast/measure.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.metrics import r2_score
from sklearn.model_selection import train_test_split

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "files" / "src"))
from finish_time import load  # noqa: E402

CONFIGS = {
    "original lr1.0 d6 n400": dict(n_estimators=400, learning_rate=1.0, max_depth=6),
    "solution lr0.05 d2 n300 sub0.8": dict(n_estimators=300, learning_rate=0.05, max_depth=2, subsample=0.8),
    "lr0.1 d3 n100 (sklearn defaults)": dict(n_estimators=100, learning_rate=0.1, max_depth=3),
    "lr0.05 d3 early stopping": dict(n_estimators=1000, learning_rate=0.05, max_depth=3, n_iter_no_change=10,
                                     validation_fraction=0.2),
    "lr0.05 d2 n200": dict(n_estimators=200, learning_rate=0.05, max_depth=2),
    "lr0.02 d3 n300 leaf10": dict(n_estimators=300, learning_rate=0.02, max_depth=3, min_samples_leaf=10),
    "bad lr1.0 d2 n400": dict(n_estimators=400, learning_rate=1.0, max_depth=2),
    "bad lr0.1 d6 n400": dict(n_estimators=400, learning_rate=0.1, max_depth=6),
    "bad lr1.0 d6 n50": dict(n_estimators=50, learning_rate=1.0, max_depth=6),
    "bad lr0.05 d1 n5 (underfit)": dict(n_estimators=5, learning_rate=0.05, max_depth=1),
}


def main() -> None:
    X, y = load(HERE / "files" / "data" / "race_entrants.csv")
    for name, cfg in CONFIGS.items():
        r = []
        for s in [42] + list(range(20)):
            a, b, c, d = train_test_split(X, y, test_size=0.25, random_state=s)
            m = GradientBoostingRegressor(random_state=42, **cfg).fit(a, c)
            r.append([r2_score(c, m.predict(a)), r2_score(d, m.predict(b))])
        r = np.array(r)
        print(f"{name:<34} seed42 train {r[0,0]:.3f} test {r[0,1]:.3f} | 20 seeds train {r[1:,0].mean():.3f} "
              f"test {r[1:,1].mean():.3f} +/- {r[1:,1].std():.3f} gap {np.mean(r[1:,0]-r[1:,1]):.3f}")


if __name__ == "__main__":
    main()
