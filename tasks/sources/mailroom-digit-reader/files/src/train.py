"""Handwritten digit reader for the mailroom's postcode scanner.

Reads data/digits.csv (one row per scanned digit: scan_id, 64 pixel
intensities of the 8x8 crop in 0..16, and the `digit` written by hand),
trains a classifier and reports how well it reads digits it has not seen.

Usage:
    python src/train.py [--data PATH] [--seed 42] [--test-size 0.2]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.decomposition import PCA
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, confusion_matrix, f1_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT / "data" / "digits.csv"
LABEL = "digit"
ID_COLUMN = "scan_id"


def load_scans(path: Path) -> tuple[np.ndarray, np.ndarray]:
    df = pd.read_csv(path)
    pixels = [c for c in df.columns if c.startswith("px_")]
    X = df[pixels].to_numpy(dtype=float)
    y = df[LABEL].to_numpy(dtype=int)
    return X, y


def build_pipeline(seed: int) -> Pipeline:
    return Pipeline([
        ("scale", StandardScaler()),
        ("reduce", PCA(n_components=3, random_state=seed)),
        ("clf", LogisticRegression(C=1.0, max_iter=3000)),
    ])


def report(name: str, y_true: np.ndarray, y_pred: np.ndarray) -> dict[str, float]:
    return {
        f"{name}_accuracy": accuracy_score(y_true, y_pred),
        f"{name}_macro_f1": f1_score(y_true, y_pred, average="macro"),
    }


def worst_digits(y_true: np.ndarray, y_pred: np.ndarray, n: int = 3) -> list[tuple[int, float]]:
    cm = confusion_matrix(y_true, y_pred, labels=range(10))
    recall = cm.diagonal() / cm.sum(axis=1).clip(min=1)
    order = np.argsort(recall)[:n]
    return [(int(d), float(recall[d])) for d in order]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--test-size", type=float, default=0.2)
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    X, y = load_scans(args.data)
    print(f"scans: {len(y)}  pixels: {X.shape[1]}")

    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=args.test_size, stratify=y, random_state=args.seed
    )
    pipe = build_pipeline(args.seed).fit(X_train, y_train)

    metrics = {
        **report("train", y_train, pipe.predict(X_train)),
        **report("test", y_test, pipe.predict(X_test)),
    }
    for name, value in metrics.items():
        print(f"{name}: {value:.3f}")
    hardest = ", ".join(f"{d} ({r:.2f})" for d, r in worst_digits(y_test, pipe.predict(X_test)))
    print(f"hardest digits on test: {hardest}")


if __name__ == "__main__":
    main()
