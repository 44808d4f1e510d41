"""Task definition for fna-cytology-triage (NONE: preprocessing refitted inside nested CV; final refit is fine)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.datasets import load_breast_cancer

ERROR_TYPE = "NONE"
BUG_LOCATIONS: list = []
LOCATION_CHECKS: list = []
METRIC_LINE = r"(?m)^test_accuracy:\s*[0-9.]+"
DIFFICULTY = "hard"
ENTRYPOINT = "python triage_model.py"
PROVENANCE = {
    "source": "scikit-learn bundled dataset load_breast_cancer (Breast Cancer Wisconsin (Diagnostic), "
              "Street, Wolberg & Mangasarian; 569 fine-needle aspirates, 30 nuclear features)",
    "license": "BSD-3-Clause (scikit-learn); UCI dataset CC BY 4.0",
    "generator": "task.py make_data(): feature names snake_cased, values rounded to 5 significant digits, "
                 "target coded malignant/benign, rows shuffled with numpy default_rng(569), case ids added",
}


def generate(files_dir: Path, seed: int = 569) -> None:
    data = load_breast_cancer()
    cols = [n.replace(" ", "_") for n in data.feature_names]
    df = pd.DataFrame(data.data, columns=cols).apply(lambda c: c.map(lambda v: float(f"{v:.5g}")))
    df["diagnosis"] = np.where(data.target == 0, "malignant", "benign")
    rng = np.random.default_rng(seed)
    df = df.iloc[rng.permutation(len(df))].reset_index(drop=True)
    df.insert(0, "case_id", [f"FNA-{7000 + i}" for i in range(len(df))])
    (files_dir / "data").mkdir(parents=True, exist_ok=True)
    df.to_csv(files_dir / "data" / "fna_nuclei.csv", index=False)


def make_data(files_dir: Path) -> None:
    generate(files_dir)


def _no_scaler(files: dict[str, str]) -> str:
    src = files["triage_model.py"]
    old = '        ("scale", StandardScaler()),\n'
    assert old in src
    return src.replace(old, "")


def _smaller_C(files: dict[str, str]) -> str:
    src = files["triage_model.py"]
    old = 'GRID = {"select__k": [8, 30], "svm__C": [0.5, 5.0]}'
    assert old in src
    return src.replace(old, 'GRID = {"select__k": [8, 30], "svm__C": [0.01, 0.05]}')


def _fewer_features(files: dict[str, str]) -> str:
    src = files["triage_model.py"]
    old = 'GRID = {"select__k": [8, 30], "svm__C": [0.5, 5.0]}'
    assert old in src
    return src.replace(old, 'GRID = {"select__k": [3, 5], "svm__C": [0.5, 5.0]}')


ANCHORS = [
    ("triage_model.py", 33, "def make_search"),
    ("triage_model.py", 34, "pipe = Pipeline(["),
    ("triage_model.py", 38, "])"),
    ("triage_model.py", 40, "GridSearchCV(pipe"),
    ("triage_model.py", 43, "def nested_cv"),
    ("triage_model.py", 45, "cross_val_score(make_search(seed)"),
    ("triage_model.py", 50, "stratify=y"),
    ("triage_model.py", 64, "deployed = make_search().fit(X, y)"),
]
BAD_VARIANTS = {
    "no_scaler": _no_scaler,
    "stronger_regularisation": _smaller_C,
    "fewer_features": _fewer_features,
}
# Original on the shipped data (seed 23): nested_cv_accuracy 0.965, test_accuracy 0.982, test_sensitivity 0.953,
# test_specificity 1.000, test_roc_auc 0.995 (deterministic). The held-out set has 64 malignant and 107 benign
# cases; the bands allow about one case either way for harmless rewrites.
VERIFY_EXPECTED = {
    "bands": {
        "nested_cv_accuracy": [0.955, 0.975],
        "test_accuracy": [0.976, 0.988],
        "test_sensitivity": [0.937, 0.969],
        "test_specificity": [0.990, 1.0],
        "test_roc_auc": [0.990, 1.0],
    },
    "run_timeout": 120,
}

# measure.py: 10 split/fold seeds (SEED = 100..109) on the bundled data; mean (sd) and the would-be "fixes"
# as differences from the original on the same split.
REFERENCE = {
    "original": {"nested_cv_accuracy": "0.970 (0.006)", "test_accuracy": "0.976 (0.009)",
                 "test_sensitivity": "0.958 (0.012)", "test_specificity": "0.987 (0.013)",
                 "test_roc_auc": "0.994 (0.004)"},
    "no_scaler": {"nested_cv_accuracy": "0.919 (diff -0.051, sd 0.010)", "test_accuracy": "0.929 (diff -0.046)",
                  "test_sensitivity": "0.850 (diff -0.108, sd 0.034)"},
    "stronger_regularisation (C in {0.01, 0.05})": {"nested_cv_accuracy": "0.829 (diff -0.141)",
                                                    "test_accuracy": "0.943 (diff -0.033, sd 0.012)",
                                                    "test_sensitivity": "0.902 (diff -0.056)"},
    "fewer_features (k in {3, 5})": {"nested_cv_accuracy": "0.940 (diff -0.030, sd 0.008)",
                                     "test_accuracy": "0.953 (diff -0.023)", "test_sensitivity": "diff -0.034"},
    "shipped data, seed 23": {"nested_cv_accuracy": 0.965, "test_accuracy": 0.982, "test_sensitivity": 0.953,
                              "test_specificity": 1.0, "test_roc_auc": 0.995},
}
