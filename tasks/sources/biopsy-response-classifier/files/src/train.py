"""Train the therapy-response classifier on the tumour expression panel.

Reads data/expression.csv (one row per biopsy: sample_id, 400 gene expression
values on a log2 scale, and the `responder` label), keeps the most
discriminative genes, fits a regularised logistic regression and reports
cross-validated and held-out performance.

Usage:
    python src/train.py [--data PATH] [--k 20] [--seed 42]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.feature_selection import SelectKBest, f_classif
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, roc_auc_score
from sklearn.model_selection import StratifiedKFold, cross_val_score, train_test_split
from sklearn.preprocessing import StandardScaler

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT / "data" / "expression.csv"
LABEL = "responder"
ID_COLUMN = "sample_id"


def load_data(path: Path) -> tuple[pd.DataFrame, np.ndarray]:
    """Expression matrix (samples x genes) and the binary response label."""
    df = pd.read_csv(path)
    df = df.dropna(subset=[LABEL])
    X = df.drop(columns=[ID_COLUMN, LABEL])
    y = df[LABEL].astype(int).to_numpy()
    return X, y


def preprocess(X: pd.DataFrame, y: np.ndarray, k: int) -> tuple[np.ndarray, list[str]]:
    """Standardise every gene and keep the k genes most associated with response."""
    scaler = StandardScaler()
    X_scaled = scaler.fit_transform(X)
    selector = SelectKBest(score_func=f_classif, k=k)
    X_selected = selector.fit_transform(X_scaled, y)
    genes = list(X.columns[selector.get_support()])
    return X_selected, genes


def build_model(seed: int) -> LogisticRegression:
    return LogisticRegression(C=1.0, max_iter=2000, random_state=seed)


def cross_validate(X: np.ndarray, y: np.ndarray, seed: int) -> tuple[float, float]:
    """5-fold stratified CV accuracy on the training portion."""
    cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=seed)
    scores = cross_val_score(build_model(seed), X, y, cv=cv, scoring="accuracy")
    return float(scores.mean()), float(scores.std())


def evaluate(model: LogisticRegression, X: np.ndarray, y: np.ndarray) -> dict[str, float]:
    proba = model.predict_proba(X)[:, 1]
    pred = (proba >= 0.5).astype(int)
    return {
        "accuracy": float(accuracy_score(y, pred)),
        "roc_auc": float(roc_auc_score(y, proba)),
    }


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--k", type=int, default=20, help="number of genes to keep")
    parser.add_argument("--seed", type=int, default=42)
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    X, y = load_data(args.data)
    print(f"samples: {X.shape[0]}  genes: {X.shape[1]}  responders: {int(y.sum())}")

    X_model, genes = preprocess(X, y, args.k)
    X_train, X_test, y_train, y_test = train_test_split(
        X_model, y, test_size=0.25, stratify=y, random_state=args.seed
    )

    cv_mean, cv_std = cross_validate(X_train, y_train, args.seed)
    model = build_model(args.seed).fit(X_train, y_train)
    metrics = evaluate(model, X_test, y_test)

    print(f"selected genes ({len(genes)}): {', '.join(genes)}")
    print(f"cv_accuracy: {cv_mean:.3f} (+/- {cv_std:.3f})")
    print(f"test_accuracy: {metrics['accuracy']:.3f}")
    print(f"test_roc_auc: {metrics['roc_auc']:.3f}")


if __name__ == "__main__":
    main()
