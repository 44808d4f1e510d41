"""Pump condition classifier from vibration survey readings.

Trains a nearest-neighbour classifier on the survey and reports accuracy and
macro F1 on the training readings and on a held-out 25 % of them.

    python src/train.py [--data data/pump_survey.csv] [--neighbours N] [--seed 42]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sklearn.metrics import accuracy_score, classification_report, f1_score
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
from data import add_features, load_readings, split  # noqa: E402


def build_pipeline(neighbours: int, metric: str = "euclidean") -> Pipeline:
    return Pipeline([
        ("scale", StandardScaler()),
        ("knn", KNeighborsClassifier(n_neighbors=neighbours, metric=metric)),
    ])


def scores(model: Pipeline, X, y) -> tuple[float, float]:
    pred = model.predict(X)
    return accuracy_score(y, pred), f1_score(y, pred, average="macro")


def main() -> None:
    parser = argparse.ArgumentParser(description="pump condition classifier")
    parser.add_argument("--data", type=Path, default=ROOT / "data" / "pump_survey.csv")
    parser.add_argument("--neighbours", type=int, default=1)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()

    df = add_features(load_readings(args.data))
    counts = df["condition"].value_counts().to_dict()
    print(f"readings: {len(df)}  classes: {counts}")

    X_train, X_test, y_train, y_test = split(df, args.seed)
    model = build_pipeline(args.neighbours).fit(X_train, y_train)

    train_acc, train_f1 = scores(model, X_train, y_train)
    test_acc, test_f1 = scores(model, X_test, y_test)
    print(classification_report(y_test, model.predict(X_test), digits=3))
    print(f"train_accuracy: {train_acc:.3f}")
    print(f"train_macro_f1: {train_f1:.3f}")
    print(f"test_accuracy: {test_acc:.3f}")
    print(f"test_macro_f1: {test_f1:.3f}")


if __name__ == "__main__":
    main()
