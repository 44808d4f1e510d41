"""Early-warning model for pump failures.

Tunes an RBF support-vector classifier on the sensor snapshots in
data/pump_snapshots.csv and reports how it does on a held-out set of pumps.

    python src/train.py [--seed 11]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sklearn.metrics import (balanced_accuracy_score, confusion_matrix,
                             precision_score, recall_score)
from sklearn.model_selection import (GridSearchCV, StratifiedKFold,
                                     train_test_split)
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

sys.path.insert(0, str(Path(__file__).resolve().parent))
from data import build_features, load_snapshots  # noqa: E402

DATA = Path(__file__).resolve().parents[1] / "data" / "pump_snapshots.csv"

PARAM_GRID = {
    "svc__C": [0.5, 2.0, 8.0],
    "svc__class_weight": [None, "balanced"],
}


def make_search(seed: int) -> GridSearchCV:
    pipe = Pipeline([("scale", StandardScaler()), ("svc", SVC(kernel="rbf", gamma="scale"))])
    folds = StratifiedKFold(n_splits=3, shuffle=True, random_state=seed)
    return GridSearchCV(pipe, PARAM_GRID, scoring="accuracy", cv=folds, n_jobs=1)


def summarise(y_true, y_pred) -> dict[str, float]:
    tn, fp, fn, tp = confusion_matrix(y_true, y_pred, labels=[0, 1]).ravel()
    return {
        "accuracy": (tp + tn) / len(y_true),
        "balanced_accuracy": balanced_accuracy_score(y_true, y_pred),
        "recall": recall_score(y_true, y_pred, zero_division=0),
        "precision": precision_score(y_true, y_pred, zero_division=0),
        "flagged": int(tp + fp),
        "missed": int(fn),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args()

    X, y = build_features(load_snapshots(DATA))
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=0.3, stratify=y, random_state=args.seed)
    print(f"train: {len(y_train)} ({y_train.sum()} failures)  test: {len(y_test)} ({y_test.sum()} failures)")

    search = make_search(args.seed).fit(X_train, y_train)
    print(f"best_params: {search.best_params_}")
    print(f"cv_score: {search.best_score_:.3f}")

    scores = summarise(y_test, search.predict(X_test))
    print(f"test_flagged: {scores['flagged']}  test_missed: {scores['missed']}")
    for key in ["accuracy", "balanced_accuracy", "recall", "precision"]:
        print(f"test_{key}: {scores[key]:.3f}")


if __name__ == "__main__":
    main()
