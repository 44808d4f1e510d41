"""Buggy vs fixed valuation model over 10 split seeds (run from this directory).

    ../../../.venv/bin/python measure.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import numpy as np
from sklearn.model_selection import train_test_split

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "files" / "src"))
import valuation as V  # noqa: E402


def run(seed: int, share) -> dict:
    cfg = {**V.CONFIG, "seed": seed, "data": str(HERE / "files" / "data" / "sales.csv")}
    sales = V.load_sales(cfg["data"])
    train, test = train_test_split(sales, test_size=cfg["test_size"], random_state=seed)
    if share == "rules":
        clean = train[(train["sale_price"] >= 10_000) & (train["sqft_living"] <= 10_000)]
    else:
        clean = train if share == 0 else V.remove_anomalies(train, seed, share)
    m = V.evaluate(V.fit_model(clean, cfg), test)
    m["water_kept"] = int(clean["waterfront"].sum()) / max(1, int(train["waterfront"].sum()))
    m["errors_kept"] = int(((clean.sale_price < 5000) | (clean.sqft_living > 9000)).sum())
    return m


if __name__ == "__main__":
    shares = [a if a in ("auto", "rules") else float(a) for a in sys.argv[1:]] or [0.12, "rules", 0.0, 0.01, 0.06, "auto"]
    for share in shares:
        res = [run(s, share) for s in range(10)]
        print(share, {k: (round(float(np.mean([r[k] for r in res])), 4), round(float(np.std([r[k] for r in res])), 4),
                          round(float(np.min([r[k] for r in res])), 4), round(float(np.max([r[k] for r in res])), 4))
                      for k in res[0]}, "seed11:", {k: round(float(v), 4) for k, v in run(11, share).items()}, flush=True)
