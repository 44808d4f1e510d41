"""Defect classifier for automated optical inspection (AOI) of solder joints.

    python src/train.py [--seed 13]

Trains a small neural network on the AOI measurements in data/joints.csv and
reports, on a held-out split, how many defective joints it catches and how many
good joints it sends to manual re-inspection.
"""

import argparse
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import confusion_matrix
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


@dataclass
class Settings:
    data: Path = Path(__file__).resolve().parents[1] / "data" / "joints.csv"
    hidden: tuple = (16,)
    alpha: float = 1e-3
    max_iter: int = 300
    test_size: float = 0.3
    seed: int = 13


FEATURES = ["volume_pct", "area_pct", "height_pct", "offset_x_um", "offset_y_um",
            "bridge_score", "reflow_peak_c", "conveyor_speed"]


def load(settings: Settings) -> tuple[np.ndarray, np.ndarray]:
    df = pd.read_csv(settings.data)
    return df[FEATURES].to_numpy(dtype=float), df["defect"].to_numpy(dtype=int)


def build_classifier(settings: Settings):
    net = MLPClassifier(hidden_layer_sizes=settings.hidden, alpha=settings.alpha,
                        max_iter=settings.max_iter, random_state=settings.seed)
    return make_pipeline(StandardScaler(), net)


def inspection_report(y_true: np.ndarray, y_pred: np.ndarray) -> dict:
    tn, fp, fn, tp = confusion_matrix(y_true, y_pred, labels=[0, 1]).ravel()
    return {
        "defect_rate": (tp + fn) / len(y_true),
        "recall": tp / (tp + fn),
        "missed_defects": int(fn),
        "false_call_rate": fp / (fp + tn),
        "precision": tp / (tp + fp) if tp + fp else 0.0,
        "accuracy": (tp + tn) / len(y_true),
    }


def oversample_defects(X: np.ndarray, y: np.ndarray, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Random oversampling of the defective joints until both classes are equally frequent.

    Without it the network is trained on ~4 % defects and its default 0.5 cut almost
    never calls a defect. Applied to the training split only, so the test split keeps the
    line's real defect rate.
    """
    rng = np.random.default_rng(seed)
    pos, neg = np.flatnonzero(y == 1), np.flatnonzero(y == 0)
    extra = rng.choice(pos, size=len(neg) - len(pos), replace=True)
    idx = rng.permutation(np.concatenate([neg, pos, extra]))
    return X[idx], y[idx]


def run(settings: Settings) -> dict:
    X, y = load(settings)
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=settings.test_size, stratify=y, random_state=settings.seed)
    X_train, y_train = oversample_defects(X_train, y_train, settings.seed)
    clf = build_classifier(settings).fit(X_train, y_train)
    return inspection_report(y_test, clf.predict(X_test))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=Settings.seed)
    report = run(Settings(seed=parser.parse_args().seed))
    for key, value in report.items():
        print(f"test_{key}: {value}" if isinstance(value, int) else f"test_{key}: {value:.3f}")


if __name__ == "__main__":
    main()
