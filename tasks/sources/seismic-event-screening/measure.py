"""Measure selection by training score (original) against selection by CV score over split seeds.

    .venv/bin/python tasks/sources/seismic-event-screening/measure.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import train_test_split

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "files" / "src"))
sys.path.insert(0, str(HERE / "files"))
import tuning  # noqa: E402
from src.train import load_events  # noqa: E402


def pick(table, column, ascending=False):
    return dict(table.sort_values(column, ascending=ascending, kind="stable").iloc[0]["params"])


def one_se(table):
    best = table["mean_test_score"].max()
    se = table.loc[table["mean_test_score"].idxmax(), "std_test_score"] / np.sqrt(tuning.FOLDS)
    ok = table[table["mean_test_score"] >= best - se]
    return dict(ok.sort_values(["params"], key=lambda s: s.map(lambda p: (p["svc__gamma"], p["svc__C"]))).iloc[0]["params"])


RULES = {
    "original: max mean_train_score": lambda t: pick(t, "mean_train_score"),
    "solution: max mean_test_score (CV)": lambda t: pick(t, "mean_test_score"),
    "one-standard-error rule": one_se,
    "bad: min mean_train_score": lambda t: pick(t, "mean_train_score", True),
}


def main() -> None:
    X, y = load_events(HERE / "files" / "data" / "reviewed_events.csv")
    out = {k: [] for k in RULES}
    out["bad: gamma<=0.3 grid, train score"] = []
    for s in [42] + list(range(20)):
        a, b, c, d = train_test_split(X, y, test_size=0.25, stratify=y, random_state=s)
        table = tuning.grid_table(a, c, s)
        choices = {k: f(table) for k, f in RULES.items()}
        trimmed = table[table["params"].map(lambda p: p["svc__gamma"] <= 0.3)]
        choices["bad: gamma<=0.3 grid, train score"] = pick(trimmed, "mean_train_score")
        for k, p in choices.items():
            m = tuning.make_pipeline().set_params(**p).fit(a, c)
            out[k].append([accuracy_score(c, m.predict(a)), accuracy_score(d, m.predict(b)),
                           f1_score(d, m.predict(b), pos_label="blast"), p["svc__C"], p["svc__gamma"]])
    for k, rows in out.items():
        r = np.array(rows)
        print(f"{k:<36} seed42 C={r[0,3]:g} g={r[0,4]:g} train {r[0,0]:.3f} test {r[0,1]:.3f} f1 {r[0,2]:.3f} | "
              f"20 seeds train {r[1:,0].mean():.3f} test {r[1:,1].mean():.3f} +/- {r[1:,1].std():.3f} "
              f"f1 {r[1:,2].mean():.3f} +/- {r[1:,2].std():.3f} gap {np.mean(r[1:,0]-r[1:,1]):.3f}")


if __name__ == "__main__":
    main()
