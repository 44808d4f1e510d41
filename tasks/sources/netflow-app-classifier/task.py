"""netflow-app-classifier: k-NN on unscaled flow features (SCALING_ERROR)."""

from __future__ import annotations

from pathlib import Path

ERROR_TYPE = "SCALING_ERROR"
DIFFICULTY = "easy"
ENTRYPOINT = "python src/train.py"
METRIC_LINE = r"(?m)^test_macro_f1:\s*[0-9.]+"
PROVENANCE = {
    "source": "generated",
    "license": "CC0-1.0",
    "generator": "task.py make_data, numpy default_rng(11): 1400 synthetic flow records, 4 application classes",
}

BUG_LOCATIONS = [{"file": "src/train.py", "lines": [44, 48], "function": "build_model"}]
ANCHORS = [
    ("src/train.py", 44, "def build_model("),
    ("src/train.py", 45, "return Pipeline(["),
    ("src/train.py", 48, "])"),
    ("src/train.py", 36, "def build_features("),
    ("src/train.py", 40, "X[col] = np.log1p(X[col])"),
]
LOCATION_CHECKS = [
    {"contains": "overlaps lines 44–48", "file": "src/train.py", "lines": [44, 48], "function": "build_model"},
]
EXTRA_CHECKS = [
    # Decides the LOCALIZATION line "No location blames the log transform in `build_features` (lines 36–41), the
    # split, the cross-validation or the choice of k". k as a default only: its use on line 47 is in the bug range.
    {"type": "LOCALIZATION", "contains": "No location blames the log transform", "check": "locations_avoid",
     "args": {"path": "response/report.json", "avoid": [
         {"file": "src/train.py", "lines": [39, 40]},  # np.log1p over HEAVY_TAILED
         {"file": "src/train.py", "lines": [67, 69]},  # train_test_split(..., stratify=y)
         {"file": "src/train.py", "lines": [70, 71]},  # StratifiedKFold + cross_val_score
         {"file": "src/train.py", "lines": [54, 54]},  # --neighbors default 15
     ]}},
]

# measure.py, 12 split seeds (0-11), default k=15
REFERENCE = {
    "buggy": {"test_macro_f1": "0.540 +/- 0.020 (0.516-0.586)", "cv_macro_f1": "0.504 +/- 0.013 (0.484-0.524)",
              "test_accuracy": "0.550 +/- 0.020"},
    "fixed": {"test_macro_f1": "0.875 +/- 0.014 (0.848-0.901)", "cv_macro_f1": "0.864 +/- 0.006 (0.854-0.875)",
              "test_accuracy": "0.864 +/- 0.015"},
    "default_seed_7": {"buggy": {"test_macro_f1": 0.564, "cv_macro_f1": 0.497, "test_accuracy": 0.574},
                       "fixed": {"test_macro_f1": 0.873, "cv_macro_f1": 0.861, "test_accuracy": 0.860}},
}

VERIFY_EXPECTED = {
    "script": "response/revised_code.py",
    "bands": {"test_macro_f1": [0.81, 0.94], "cv_macro_f1": [0.81, 0.93]},
    "unit_change": {"data_file": "data/flows.csv", "column": "down_ratio", "factor": 100.0,
                    "metric": "test_macro_f1", "tolerance": 0.02},
}


def _replace(src: str, old: str, new: str) -> str:
    assert old in src, old
    return src.replace(old, new)


def _distance_weights(files: dict[str, str]) -> str:
    return _replace(files["src/train.py"], 'KNeighborsClassifier(n_neighbors=n_neighbors, n_jobs=1)',
                    'KNeighborsClassifier(n_neighbors=n_neighbors, weights="distance", n_jobs=1)')


def _row_normalizer(files: dict[str, str]) -> str:
    src = _replace(files["src/train.py"], "from sklearn.pipeline import Pipeline",
                   "from sklearn.pipeline import Pipeline\nfrom sklearn.preprocessing import Normalizer")
    return _replace(src, '("impute", SimpleImputer(strategy="median")),',
                    '("impute", SimpleImputer(strategy="median")),\n        ("scale", Normalizer()),')


def _scale_largest_only(files: dict[str, str]) -> str:
    src = _replace(files["src/train.py"], "        X[col] = np.log1p(X[col])\n",
                   "        X[col] = np.log1p(X[col])\n    X[\"mean_pkt_bytes\"] = X[\"mean_pkt_bytes\"] / 1500.0\n")
    return src


BAD_VARIANTS = {
    "distance_weights_no_scaling": _distance_weights,
    "row_normalizer": _row_normalizer,
    "rescale_one_column": _scale_largest_only,
}


def make_data(files_dir: Path) -> None:
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(11)
    classes = ["web", "video", "voip", "bulk"]
    spec = {
        "web": dict(lb=(4.8, 1.0), pkt=(700, 330), iat=(30, 22), ld=(0.9, 0.8), syn=(0.08, 0.05), dr=(0.78, 0.16), ps=(0.38, 0.20)),
        "video": dict(lb=(5.3, 1.0), pkt=(1080, 300), iat=(16, 11), ld=(1.6, 0.7), syn=(0.04, 0.03), dr=(0.90, 0.09), ps=(0.24, 0.18)),
        "voip": dict(lb=(4.9, 1.0), pkt=(420, 260), iat=(21, 9), ld=(1.7, 0.7), syn=(0.03, 0.025), dr=(0.55, 0.14), ps=(0.70, 0.18)),
        "bulk": dict(lb=(5.5, 1.1), pkt=(1200, 260), iat=(9, 7), ld=(1.4, 0.9), syn=(0.05, 0.04), dr=(0.35, 0.22), ps=(0.20, 0.15)),
    }
    n = 1400
    lab = rng.choice(4, size=n, p=[0.38, 0.25, 0.17, 0.20])
    rows = []
    for c in lab:
        s = spec[classes[c]]
        b = 10 ** rng.normal(*s["lb"])
        dur = 10 ** rng.normal(*s["ld"])
        pkt = float(np.clip(rng.normal(*s["pkt"]), 60, 1500))
        iat = abs(rng.normal(*s["iat"])) + 0.5
        rows.append({
            "duration_s": round(dur, 3),
            "bytes_total": int(b),
            "packets": int(max(2, b / pkt)),
            "mean_pkt_bytes": round(pkt, 1),
            "mean_iat_ms": round(iat, 2),
            "syn_ratio": round(float(np.clip(rng.normal(*s["syn"]), 0, 1)), 4),
            "down_ratio": round(float(np.clip(rng.normal(*s["dr"]), 0, 1)), 4),
            "small_pkt_share": round(float(np.clip(rng.normal(*s["ps"]), 0, 1)), 4),
            "app_class": classes[c],
        })
    df = pd.DataFrame(rows)
    missing = rng.random(n) < 0.03
    df.loc[missing, "mean_iat_ms"] = np.nan
    df.insert(0, "flow_id", [f"F{i:05d}" for i in range(n)])
    (files_dir / "data").mkdir(parents=True, exist_ok=True)
    df.to_csv(files_dir / "data" / "flows.csv", index=False)
