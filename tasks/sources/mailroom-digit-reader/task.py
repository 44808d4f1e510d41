"""Task: mailroom-digit-reader (UNDERFITTING). See ../README.md and ../build.py."""

from pathlib import Path

import numpy as np
import pandas as pd

ERROR_TYPE = "UNDERFITTING"
DIFFICULTY = "medium"
ENTRYPOINT = "python src/train.py"
METRIC_LINE = r"(?m)^test_accuracy:\s*[0-9.]+"

BUG_LOCATIONS = [{"file": "src/train.py", "lines": [42, 42], "function": "build_pipeline"}]
ANCHORS = [
    ("src/train.py", 39, "def build_pipeline("),
    ("src/train.py", 42, "PCA(n_components=3"),
]
LOCATION_CHECKS = [
    {"contains": "overlaps line 42", "file": "src/train.py", "lines": [42, 42], "function": None},
]

PROVENANCE = {
    "source": "scikit-learn bundled dataset load_digits (UCI Optical Recognition of Handwritten Digits test set, 1,797 8x8 images)",
    "license": "CC BY 4.0 (UCI ML Repository); BSD-3-Clause (scikit-learn)",
    "generator": "task.py make_data: rows shuffled with numpy default_rng(7), scan ids added, pixels as integers 0..16",
}

# measure.py, 12 split seeds (0..11), mean ± sd [min, max]
REFERENCE = {
    "original (PCA to 3 components)": {"train_accuracy": "0.701 ± 0.006 [0.692, 0.710]",
                                       "test_accuracy": "0.699 ± 0.016 [0.672, 0.722]",
                                       "test_macro_f1": "0.686 ± 0.018 [0.654, 0.712]"},
    "fixed (PCA keeping 95% of variance)": {"train_accuracy": "0.995 ± 0.001 [0.993, 0.997]",
                                            "test_accuracy": "0.965 ± 0.009 [0.950, 0.978]",
                                            "test_macro_f1": "0.965 ± 0.010 [0.950, 0.978]"},
}

VERIFY_EXPECTED = {
    "bands": {"train_accuracy": [0.95, 1.0], "test_accuracy": [0.925, 1.0], "test_macro_f1": [0.92, 1.0]},
}


def make_data(files_dir: Path) -> None:
    from sklearn.datasets import load_digits

    d = load_digits()
    rng = np.random.default_rng(7)
    order = rng.permutation(len(d.target))
    df = pd.DataFrame(d.data[order].astype(int), columns=[f"px_{i:02d}" for i in range(64)])
    df.insert(0, "scan_id", [f"S{i:05d}" for i in range(1, len(df) + 1)])
    df["digit"] = d.target[order]
    (files_dir / "data").mkdir(parents=True, exist_ok=True)
    df.to_csv(files_dir / "data" / "digits.csv", index=False)


def _original(files: dict) -> str:
    return files["src/train.py"]


BAD_VARIANTS = {
    # more components, but still far too few to separate ten digit shapes
    "pca_10_components": lambda f: _original(f).replace("PCA(n_components=3,", "PCA(n_components=10,"),
    # weaker regularisation of the classifier does not help: the 3-D projection is the bottleneck
    "larger_C_only": lambda f: _original(f).replace("LogisticRegression(C=1.0,", "LogisticRegression(C=100.0,"),
    # a more flexible classifier on the same 3 components
    "knn_on_3_components": lambda f: _original(f)
    .replace("from sklearn.linear_model import LogisticRegression", "from sklearn.neighbors import KNeighborsClassifier")
    .replace('("clf", LogisticRegression(C=1.0, max_iter=3000))', '("clf", KNeighborsClassifier(n_neighbors=5))'),
}
