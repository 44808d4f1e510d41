"""Buggy vs fixed ETA model over 10 split seeds (run from this directory).

    ../../../.venv/bin/python measure.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import HuberRegressor

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "files" / "src"))
import data as D  # noqa: E402
import train as T  # noqa: E402
from sklearn.model_selection import train_test_split  # noqa: E402


def run(seed: int, variant: str) -> dict[str, float]:
    raw = D.load_orders(HERE / "files" / "data" / "orders.csv")
    df = D.clean_orders(raw)
    if variant == "fixed":
        df = df[df[D.TARGET] != 999].reset_index(drop=True)
    df = D.add_time_features(df)
    X, y = df[T.NUMERIC + T.CATEGORICAL], df[D.TARGET].to_numpy()
    Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.2, random_state=seed)
    if variant == "train_only":
        keep = ytr != 999
        Xtr, ytr = Xtr[keep], ytr[keep]
    model = T.build_model(1.0)
    if variant == "huber":
        model.steps[-1] = ("reg", HuberRegressor(max_iter=500))
    model.fit(Xtr, ytr)
    if variant == "eval_only":
        keep = yte != 999
        Xte, yte = Xte[keep], yte[keep]
    return T.report(yte, model.predict(Xte))


if __name__ == "__main__":
    for variant in ["buggy", "fixed", "eval_only", "train_only", "huber"]:
        res = [run(s, variant) for s in range(10)]
        summary = {k: (round(float(np.mean([r[k] for r in res])), 3), round(float(np.std([r[k] for r in res])), 3),
                       round(float(np.min([r[k] for r in res])), 3), round(float(np.max([r[k] for r in res])), 3))
                   for k in res[0]}
        print(variant, summary)
    print("seed 7 fixed", run(7, "fixed"))
