"""Measure the full cubic OLS surface (original) against lower-capacity surfaces over split seeds.

    .venv/bin/python tasks/sources/concrete-mix-strength/measure.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.linear_model import LinearRegression, Ridge, RidgeCV
from sklearn.metrics import r2_score
from sklearn.model_selection import GridSearchCV, KFold, train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import PolynomialFeatures, StandardScaler

HERE = Path(__file__).resolve().parent
MIX = ["cement_kg_m3", "water_cement_ratio", "fly_ash_pct", "superplasticizer_pct", "age_days"]


def surface(degree, reg):
    return Pipeline([("standardise", StandardScaler()), ("terms", PolynomialFeatures(degree=degree, include_bias=False)),
                     ("ols", reg)])


def cv_degree(s):
    return GridSearchCV(surface(1, LinearRegression()), {"terms__degree": [1, 2, 3]},
                        cv=KFold(5, shuffle=True, random_state=s), scoring="neg_mean_squared_error", n_jobs=1)


MODELS = {
    "original deg3 OLS": lambda s: surface(3, LinearRegression()),
    "solution CV degree": cv_degree,
    "deg2 OLS": lambda s: surface(2, LinearRegression()),
    "deg1 OLS": lambda s: surface(1, LinearRegression()),
    "deg3 RidgeCV": lambda s: surface(3, RidgeCV(alphas=np.logspace(-3, 3, 13))),
    "deg3 Ridge(10)": lambda s: surface(3, Ridge(alpha=10)),
    "deg2 RidgeCV": lambda s: surface(2, RidgeCV(alphas=np.logspace(-3, 3, 13))),
    "bad deg3 Ridge(1e-3)": lambda s: surface(3, Ridge(alpha=1e-3)),
    "bad deg3 Ridge(1e5)": lambda s: surface(3, Ridge(alpha=1e5)),
    "bad deg4 OLS": lambda s: surface(4, LinearRegression()),
}


def main() -> None:
    df = pd.read_csv(HERE / "files" / "data" / "cylinder_tests.csv")
    X, y = df[MIX], df["strength_mpa"].to_numpy()
    for name, make in MODELS.items():
        r = []
        for s in [42] + list(range(20)):
            a, b, c, d = train_test_split(X, y, test_size=0.25, random_state=s)
            m = make(s).fit(a, c)
            r.append([r2_score(c, m.predict(a)), r2_score(d, m.predict(b))])
        r = np.array(r)
        print(f"{name:<22} seed42 train {r[0,0]:.3f} test {r[0,1]:.3f} | 20 seeds train {r[1:,0].mean():.3f} "
              f"test median {np.median(r[1:,1]):.3f} mean {r[1:,1].mean():.3f} (min {r[1:,1].min():.3f} max {r[1:,1].max():.3f})")


if __name__ == "__main__":
    main()
