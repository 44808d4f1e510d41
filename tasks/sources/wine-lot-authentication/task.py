"""wine-lot-authentication: per-sample normalize() instead of per-feature scaling before an RBF SVM (SCALING_ERROR)."""

from __future__ import annotations

from pathlib import Path

ERROR_TYPE = "SCALING_ERROR"
DIFFICULTY = "medium"
ENTRYPOINT = "python src/authenticate.py"
METRIC_LINE = r"(?m)^test_macro_f1:\s*[0-9.]+"
PROVENANCE = {
    "source": "scikit-learn bundled wine dataset (UCI Wine, Forina et al.; 178 samples, 3 cultivars), load_wine; "
              "columns renamed, rows shuffled, lot ids added",
    "license": "CC BY 4.0 (UCI) / BSD-3-Clause (scikit-learn)",
    "generator": "task.py make_data, numpy default_rng(23) for the row order",
}

BUG_LOCATIONS = [{"file": "src/authenticate.py", "lines": [36, 39], "function": "prepare_features"}]
ANCHORS = [
    ("src/authenticate.py", 36, "def prepare_features("),
    ("src/authenticate.py", 37, "X_train = normalize(train_df[features]"),
    ("src/authenticate.py", 38, "X_test = normalize(test_df[features]"),
    ("src/authenticate.py", 16, "from sklearn.preprocessing import normalize"),
]
LOCATION_CHECKS = [
    {"contains": "overlaps lines 36–39", "file": "src/authenticate.py", "lines": [36, 39], "function": "prepare_features"},
]
EXTRA_CHECKS = [
    # Decides the LOCALIZATION line "No location blames the train/test split, the `GridSearchCV` tuning, the
    # parameter grid or the SVM itself".
    {"type": "LOCALIZATION", "contains": "No location blames the train/test split", "check": "locations_avoid",
     "args": {"path": "response/report.json", "avoid": [
         {"file": "src/authenticate.py", "lines": [60, 62]},  # train_test_split(df, ..., stratify=...)
         {"file": "src/authenticate.py", "lines": [43, 45]},  # StratifiedKFold + GridSearchCV(...).fit
         {"file": "src/authenticate.py", "lines": [25, 25]},  # CONFIG["param_grid"]
         {"file": "src/authenticate.py", "lines": [44, 44]},  # SVC(kernel="rbf")
     ]}},
]

# measure.py, 12 split seeds (0-11)
REFERENCE = {
    "buggy": {"test_macro_f1": "0.649 +/- 0.103 (0.514-0.822)", "cv_macro_f1": "0.636 +/- 0.084 (0.532-0.751)",
              "test_accuracy": "0.707 +/- 0.056"},
    "fixed": {"test_macro_f1": "0.986 +/- 0.018 (0.944-1.0)", "cv_macro_f1": "0.982 +/- 0.011 (0.959-1.0)",
              "test_accuracy": "0.986 +/- 0.018"},
    "default_seed_11": {"buggy": {"test_macro_f1": 0.659, "cv_macro_f1": 0.732, "test_accuracy": 0.667},
                        "fixed": {"test_macro_f1": 0.944, "cv_macro_f1": 0.982, "test_accuracy": 0.944}},
}

VERIFY_EXPECTED = {
    "script": "response/revised_code.py",
    "bands": {"test_macro_f1": [0.90, 1.0], "cv_macro_f1": [0.90, 1.0]},
    "unit_change": {"data_file": "data/lab_results.csv", "column": "magnesium", "factor": 0.001,
                    "metric": "test_macro_f1", "tolerance": 0.02},
    # verify.py test_shift: the test lots (test_ids, filled in below from the project's own split) get
    # +2 training sd on flavanoids and proline. A scaler learnt on the training lots passes the shift on
    # and test_macro_f1 drops (solution / Pipeline 0.944 -> 0.638, MinMax 0.964 -> 0.605, Robust
    # 0.944 -> 0.806); a scaler refitted on the test lots removes it (per-split StandardScaler or
    # MinMaxScaler: no change at all). The drop must be at least min_drop.
    "test_shift": {"data_file": "data/lab_results.csv", "id_column": "lot_id", "test_ids": None,
                   "columns": ["flavanoids", "proline"], "train_sd": 2.0, "metric": "test_macro_f1",
                   "min_drop": 0.05},
}


def _replace(src: str, old: str, new: str) -> str:
    assert old in src, old
    return src.replace(old, new)


def _no_scaling(files: dict[str, str]) -> str:
    src = _replace(files["src/authenticate.py"], "    X_train = normalize(train_df[features].to_numpy(dtype=float))\n",
                   "    X_train = train_df[features].to_numpy(dtype=float)\n")
    return _replace(src, "    X_test = normalize(test_df[features].to_numpy(dtype=float))\n",
                    "    X_test = test_df[features].to_numpy(dtype=float)\n")


def _column_norms_per_split(files: dict[str, str]) -> str:
    src = _replace(files["src/authenticate.py"], "    X_train = normalize(train_df[features].to_numpy(dtype=float))\n",
                   "    X_train = normalize(train_df[features].to_numpy(dtype=float), axis=0)\n")
    return _replace(src, "    X_test = normalize(test_df[features].to_numpy(dtype=float))\n",
                    "    X_test = normalize(test_df[features].to_numpy(dtype=float), axis=0)\n")


def _max_norm(files: dict[str, str]) -> str:
    src = _replace(files["src/authenticate.py"], "normalize(train_df[features].to_numpy(dtype=float))",
                   "normalize(train_df[features].to_numpy(dtype=float), norm=\"max\")")
    return _replace(src, "normalize(test_df[features].to_numpy(dtype=float))",
                    "normalize(test_df[features].to_numpy(dtype=float), norm=\"max\")")


def _standard_scaler_per_split(files: dict[str, str]) -> str:
    """StandardScaler fit_transform on the training lots and, separately, on the test lots."""
    src = _replace(files["src/authenticate.py"], "from sklearn.preprocessing import normalize\n",
                   "from sklearn.preprocessing import StandardScaler\n")
    src = _replace(src, "    X_train = normalize(train_df[features].to_numpy(dtype=float))\n",
                   "    X_train = StandardScaler().fit_transform(train_df[features].to_numpy(dtype=float))\n")
    return _replace(src, "    X_test = normalize(test_df[features].to_numpy(dtype=float))\n",
                    "    X_test = StandardScaler().fit_transform(test_df[features].to_numpy(dtype=float))\n")


BAD_VARIANTS = {
    "drop_normalize": _no_scaling,
    "column_l2_norm_per_split": _column_norms_per_split,
    "row_max_norm": _max_norm,
    "standard_scaler_per_split": _standard_scaler_per_split,
}


def make_data(files_dir: Path) -> None:
    import numpy as np
    from sklearn.datasets import load_wine

    data = load_wine(as_frame=True)
    df = data.frame.rename(columns={"od280/od315_of_diluted_wines": "od280_od315", "target": "cultivar"})
    df["cultivar"] = df["cultivar"].map({0: "barbera", 1: "grignolino", 2: "nebbiolo"})
    order = np.random.default_rng(23).permutation(len(df))
    df = df.iloc[order].reset_index(drop=True)
    df.insert(0, "lot_id", [f"L{2400 + i}" for i in range(len(df))])
    (files_dir / "data").mkdir(parents=True, exist_ok=True)
    df.to_csv(files_dir / "data" / "lab_results.csv", index=False)


def _test_lots() -> list[str]:
    """lot_ids of the project's held-out lots: the split of src/authenticate.py (test_size 0.3, stratified
    on cultivar, seed 11) on the data make_data writes. Only the hidden verifier sees them."""
    import tempfile

    import pandas as pd
    from sklearn.model_selection import train_test_split

    with tempfile.TemporaryDirectory() as tmp:
        make_data(Path(tmp))
        df = pd.read_csv(Path(tmp) / "data" / "lab_results.csv")
    _, test = train_test_split(df, test_size=0.3, stratify=df["cultivar"], random_state=11)
    return sorted(test["lot_id"])


VERIFY_EXPECTED["test_shift"]["test_ids"] = _test_lots()
