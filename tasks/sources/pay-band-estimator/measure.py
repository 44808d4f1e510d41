"""Buggy vs fixed pay-band estimator over 10 split seeds (run from this directory).

    ../../../.venv/bin/python measure.py [variant ...]
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from sklearn.metrics import mean_absolute_error, r2_score
from sklearn.model_selection import train_test_split

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "files" / "src"))
import model as M  # noqa: E402
import prep as P  # noqa: E402


class Fences(P.Winsorizer):
    """Tukey fences: Q1 - k*IQR, Q3 + k*IQR."""

    def __init__(self, columns, k=1.5):
        super().__init__(columns)
        self.k = k

    def fit(self, frame):
        q = frame[self.columns].quantile([0.25, 0.75])
        iqr = q.loc[0.75] - q.loc[0.25]
        self.lower_, self.upper_ = q.loc[0.25] - self.k * iqr, q.loc[0.75] + self.k * iqr
        return self


class Quant(P.Winsorizer):
    def __init__(self, columns, lo, hi):
        super().__init__(columns)
        self.lo, self.hi = lo, hi

    def fit(self, frame):
        q = frame[self.columns].quantile([self.lo, self.hi])
        self.lower_, self.upper_ = q.loc[self.lo], q.loc[self.hi]
        return self


VARIANTS = {
    "buggy": lambda: P.Winsorizer(P.NUMERIC + [P.TARGET]),
    "fences_all": lambda: Fences(P.NUMERIC + [P.TARGET]),
    "fences_features": lambda: Fences(P.NUMERIC),
    "fences3_all": lambda: Fences(P.NUMERIC + [P.TARGET], 3.0),
    "none": None,
    "q01_99_all": lambda: Quant(P.NUMERIC + [P.TARGET], 0.01, 0.99),
    "q05_95_all": lambda: Quant(P.NUMERIC + [P.TARGET], 0.05, 0.95),
    "buggy_features_only": lambda: P.Winsorizer(P.NUMERIC),
    "buggy_target_only": lambda: P.Winsorizer([P.TARGET]),
}


def run(seed: int, variant: str) -> dict:
    roster = P.read_roster(M.ROSTER)
    train, test = train_test_split(roster, test_size=0.2, random_state=seed)
    if VARIANTS[variant] is None:
        train_c, test_c = train, test
    else:
        caps = VARIANTS[variant]().fit(train)
        train_c, test_c = caps.transform(train), caps.transform(test)
    model = M.build_regressor().fit(train_c[P.NUMERIC + P.CATEGORICAL], train_c[P.TARGET])
    pred = model.predict(test_c[P.NUMERIC + P.CATEGORICAL])
    actual = test[P.TARGET].to_numpy()
    return {"mae": mean_absolute_error(actual, pred), "r2": r2_score(actual, pred),
            "within10": float(np.mean(np.abs(pred - actual) / actual <= 0.10))}


if __name__ == "__main__":
    for variant in sys.argv[1:] or list(VARIANTS):
        res = [run(s, variant) for s in range(10)]
        print(variant, {k: (round(float(np.mean([r[k] for r in res])), 3), round(float(np.std([r[k] for r in res])), 3),
                            round(float(np.min([r[k] for r in res])), 3), round(float(np.max([r[k] for r in res])), 3))
                        for k in res[0]}, "seed21:", {k: round(float(v), 3) for k, v in run(21, variant).items()}, flush=True)
