"""Application-type classifier for network flow records.

Reads data/flows.csv (one row per flow exported by the edge collectors),
derives the model features, fits a k-nearest-neighbour classifier and reports
cross-validated and held-out performance for the four traffic classes.

Revised: the features are standardised (fitted on the training rows inside the
pipeline) before the k-NN distance is computed, so no feature dominates the
neighbourhoods merely because of its units.

Usage:
    python response/revised_code.py [--data PATH] [--neighbors 15] [--seed 7]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.impute import SimpleImputer
from sklearn.metrics import accuracy_score, classification_report, f1_score
from sklearn.model_selection import StratifiedKFold, cross_val_score, train_test_split
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT / "data" / "flows.csv"
TARGET = "app_class"
ID_COLUMN = "flow_id"
HEAVY_TAILED = ["duration_s", "bytes_total", "packets"]


def load_flows(path: Path) -> pd.DataFrame:
    df = pd.read_csv(path)
    return df.dropna(subset=[TARGET]).reset_index(drop=True)


def build_features(df: pd.DataFrame) -> pd.DataFrame:
    """Model inputs: raw flow statistics with the byte/packet/duration counts on a log scale."""
    X = df.drop(columns=[ID_COLUMN, TARGET]).copy()
    for col in HEAVY_TAILED:
        X[col] = np.log1p(X[col])
    return X


def build_model(n_neighbors: int) -> Pipeline:
    return Pipeline([
        ("impute", SimpleImputer(strategy="median")),
        ("scale", StandardScaler()),
        ("knn", KNeighborsClassifier(n_neighbors=n_neighbors, n_jobs=1)),
    ])


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--neighbors", type=int, default=15)
    parser.add_argument("--seed", type=int, default=7)
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    df = load_flows(args.data)
    X = build_features(df)
    y = df[TARGET].to_numpy()
    print(f"flows: {len(df)}  features: {X.shape[1]}")
    print("class counts:", pd.Series(y).value_counts().sort_index().to_dict())

    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=0.25, stratify=y, random_state=args.seed
    )
    cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=args.seed)
    cv_scores = cross_val_score(build_model(args.neighbors), X_train, y_train, cv=cv, scoring="f1_macro")

    model = build_model(args.neighbors).fit(X_train, y_train)
    pred = model.predict(X_test)

    print(classification_report(y_test, pred, digits=3))
    print(f"cv_macro_f1: {cv_scores.mean():.3f} (+/- {cv_scores.std():.3f})")
    print(f"test_accuracy: {accuracy_score(y_test, pred):.3f}")
    print(f"test_macro_f1: {f1_score(y_test, pred, average='macro'):.3f}")


if __name__ == "__main__":
    main()
