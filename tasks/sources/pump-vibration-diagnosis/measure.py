"""Measure 1-NN (original) against larger k over split seeds.

    .venv/bin/python tasks/sources/pump-vibration-diagnosis/measure.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import GridSearchCV, StratifiedKFold
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE / "files" / "src"))
from data import add_features, split  # noqa: E402
from task import simulate  # noqa: E402


def knn(k, weights="uniform"):
    return lambda s: Pipeline([("scale", StandardScaler()), ("knn", KNeighborsClassifier(n_neighbors=k, weights=weights))])


def cv_knn(s):
    grid = {"knn__n_neighbors": [1, 3, 5, 7, 9, 11, 15, 21, 31, 41, 51]}
    return GridSearchCV(knn(1)(s), grid, cv=StratifiedKFold(5, shuffle=True, random_state=s), scoring="accuracy", n_jobs=1)


MODELS = {"original k=1": knn(1), "solution (CV k)": cv_knn,
          **{f"k={k}": knn(k) for k in [3, 5, 7, 11, 15, 21, 31, 51, 101, 151]},
          "k=15 distance": knn(15, "distance"), "no scaler k=1": lambda s: KNeighborsClassifier(1)}


def main() -> None:
    df = add_features(simulate())
    seeds = [42] + list(range(20))
    for name, make in MODELS.items():
        rows = []
        for s in seeds:
            Xtr, Xte, ytr, yte = split(df, s)
            m = make(s).fit(Xtr, ytr)
            rows.append([accuracy_score(ytr, m.predict(Xtr)), accuracy_score(yte, m.predict(Xte)),
                         f1_score(yte, m.predict(Xte), average="macro")])
        r = np.array(rows)
        extra = f" k*={m.best_params_['knn__n_neighbors']}" if hasattr(m, "best_params_") else ""
        print(f"{name:<16} seed42 train {r[0,0]:.3f} test {r[0,1]:.3f} f1 {r[0,2]:.3f} | 20 seeds train {r[1:,0].mean():.3f} "
              f"test {r[1:,1].mean():.3f} +/- {r[1:,1].std():.3f} f1 {r[1:,2].mean():.3f} gap {np.mean(r[1:,0]-r[1:,1]):.3f}{extra}")


if __name__ == "__main__":
    main()
