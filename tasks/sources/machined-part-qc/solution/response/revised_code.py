"""Accept/reject model for the CNC line's end-of-line gauge.

Each machined housing is measured on the gauge (deviations of four
dimensions from nominal, in tolerance units) and then inspected by a
quality engineer. This script learns the engineer's accept/reject decision
from the gauge readings and the machine state, so that only doubtful parts
need a manual inspection.

    python src/qc_model.py [--seed 42]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd
from sklearn.metrics import accuracy_score, f1_score, roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

DATA = Path(__file__).resolve().parents[1] / "data" / "inspections.csv"
FEATURES = ["bore_dev", "length_dev", "flatness_dev", "runout_dev", "spindle_temp_c", "tool_wear"]
LABEL = "rejected"


def load(path: Path = DATA) -> tuple[pd.DataFrame, pd.Series]:
    df = pd.read_csv(path)
    df = df[df["gauge_status"] == "ok"]
    return df[FEATURES], df[LABEL]


def build_classifier(C: float = 1.0, gamma: str = "scale") -> Pipeline:
    return Pipeline([
        ("scale", StandardScaler()),
        ("svm", SVC(kernel="rbf", C=C, gamma=gamma)),
    ])


def metrics(model: Pipeline, X: pd.DataFrame, y: pd.Series) -> dict[str, float]:
    pred = model.predict(X)
    margin = model.decision_function(X)
    return {
        "accuracy": accuracy_score(y, pred),
        "reject_f1": f1_score(y, pred),
        "roc_auc": roc_auc_score(y, margin),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=42)
    seed = ap.parse_args().seed

    X, y = load()
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, stratify=y, random_state=seed)
    print(f"parts: {len(y)}  reject rate: {y.mean():.2f}")

    clf = build_classifier().fit(X_tr, y_tr)
    for split, (Xs, ys) in (("train", (X_tr, y_tr)), ("test", (X_te, y_te))):
        for name, value in metrics(clf, Xs, ys).items():
            print(f"{split}_{name}: {value:.3f}")


if __name__ == "__main__":
    main()
