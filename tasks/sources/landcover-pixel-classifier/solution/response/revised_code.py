"""Land-cover classifier for Sentinel-2 surface-reflectance pixels.

Labels each 10 m pixel of the survey tiles as water, forest, cropland or
urban from its six optical bands plus two standard spectral indices,
using a k-nearest-neighbour vote among the field-checked reference pixels.

    python src/classify.py [--seed 42]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import accuracy_score, f1_score, recall_score
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

REFERENCE_PIXELS = Path(__file__).resolve().parents[1] / "data" / "reference_pixels.csv"
BANDS = ["b2_blue", "b3_green", "b4_red", "b8_nir", "b11_swir1", "b12_swir2"]
CLASSES = ["water", "forest", "cropland", "urban"]


def add_indices(pixels: pd.DataFrame) -> pd.DataFrame:
    out = pixels[BANDS].copy()
    out["ndvi"] = (pixels["b8_nir"] - pixels["b4_red"]) / (pixels["b8_nir"] + pixels["b4_red"])
    out["ndwi"] = (pixels["b3_green"] - pixels["b8_nir"]) / (pixels["b3_green"] + pixels["b8_nir"])
    return out


def fit_classifier(X_train: pd.DataFrame, y_train: np.ndarray):
    n_neighbors = 15
    model = make_pipeline(StandardScaler(), KNeighborsClassifier(n_neighbors=n_neighbors))
    return model.fit(X_train, y_train)


def summarise(prefix: str, y_true: np.ndarray, y_pred: np.ndarray) -> None:
    print(f"{prefix}_accuracy: {accuracy_score(y_true, y_pred):.3f}")
    print(f"{prefix}_macro_f1: {f1_score(y_true, y_pred, average='macro'):.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description="train and evaluate the land-cover classifier")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()

    pixels = pd.read_csv(REFERENCE_PIXELS)
    pixels = pixels[pixels["cloud_prob"] < 0.4]
    X, y = add_indices(pixels), pixels["land_cover"].to_numpy()
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=0.25, stratify=y, random_state=args.seed
    )
    print(f"reference pixels: {len(y)}  train: {len(y_train)}  test: {len(y_test)}")

    model = fit_classifier(X_train, y_train)
    summarise("train", y_train, model.predict(X_train))
    test_pred = model.predict(X_test)
    summarise("test", y_test, test_pred)
    recalls = recall_score(y_test, test_pred, labels=CLASSES, average=None)
    print("test recall by class: " + ", ".join(f"{c} {r:.2f}" for c, r in zip(CLASSES, recalls)))


if __name__ == "__main__":
    main()
