"""Task definition for pump-failure-alerts (NONE: imbalance is handled correctly)."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

ERROR_TYPE = "NONE"
BUG_LOCATIONS: list = []
ANCHORS = [
    ("src/train.py", 62, 'class_weight="balanced"'),
    ("src/train.py", 92, "stratify=y"),
    ("src/train.py", 97, "StratifiedKFold"),
    ("src/train.py", 98, 'scoring="recall"'),
    ("src/train.py", 105, "args.threshold"),
]
LOCATION_CHECKS: list = []
METRIC_LINE = r"(?m)^test_recall:\s*[0-9.]+"
DIFFICULTY = "medium"
ENTRYPOINT = "python src/train.py"
PROVENANCE = {
    "source": "generated",
    "license": "CC0-1.0",
    "generator": "task.py make_data(): numpy default_rng(20240611), 2,400 synthetic pump inspections, "
                 "failure label from a logistic model of vibration, temperature, service age and runtime (~8% positive)",
}


def generate(files_dir: Path, seed: int = 20240611, n: int = 2400) -> None:
    rng = np.random.default_rng(seed)
    vib = rng.lognormal(mean=np.log(3.0), sigma=0.35, size=n)
    temp = rng.normal(64.0, 7.5, n) + 2.0 * (vib - 3.0)
    pressure = rng.normal(11.5, 1.8, n)
    flow = rng.normal(180.0, 28.0, n) - 3.0 * (pressure - 11.5)
    current = rng.normal(41.0, 4.5, n) + 0.04 * (flow - 180.0)
    runtime = rng.uniform(400.0, 42000.0, n)
    days = rng.exponential(110.0, n)
    z = lambda a: (a - a.mean()) / a.std()  # noqa: E731
    logit = (-3.9 + 1.15 * z(np.log(vib)) + 0.85 * z(temp) + 0.65 * z(np.log1p(days))
             + 0.55 * z(runtime) - 0.35 * z(flow) + 0.30 * z(current) + rng.normal(0, 0.4, n))
    y = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(int)
    df = pd.DataFrame({
        "inspection_id": [f"INS-{100000 + i}" for i in range(n)],
        "vibration_rms_mm_s": vib.round(3),
        "bearing_temp_c": temp.round(2),
        "discharge_pressure_bar": pressure.round(3),
        "flow_rate_m3h": flow.round(2),
        "motor_current_a": current.round(3),
        "runtime_hours": runtime.round(1),
        "days_since_service": days.round(0).astype(int),
        "failed_within_7d": y,
    })
    (files_dir / "data").mkdir(parents=True, exist_ok=True)
    df.to_csv(files_dir / "data" / "pump_inspections.csv", index=False)


def make_data(files_dir: Path) -> None:
    generate(files_dir)


def _drop_class_weight(files: dict[str, str]) -> str:
    src = files["src/train.py"]
    assert '                    class_weight="balanced",\n' in src
    return src.replace('                    class_weight="balanced",\n', "")


def _oversample_before_split(files: dict[str, str]) -> str:
    src = files["src/train.py"]
    old = "    X, y = load_data(args.data)\n"
    new = (old + "    rng = np.random.default_rng(args.seed)\n"
           "    pos = np.flatnonzero(y == 1)\n"
           "    extra = rng.choice(pos, size=int((y == 0).sum() - pos.size), replace=True)\n"
           "    X = pd.concat([X, X.iloc[extra]], ignore_index=True)\n"
           "    y = np.concatenate([y, y[extra]])\n")
    assert old in src
    return src.replace(old, new)


BAD_VARIANTS = {
    "drop_class_weight": _drop_class_weight,
    "oversample_before_split": _oversample_before_split,
}

# Original on the shipped data (seed 7): cv_recall 0.765, cv_pr_auc 0.430, test_recall 0.778,
# test_precision 0.240, test_f1 0.366, test_accuracy 0.798, test_pr_auc 0.429. The run is deterministic;
# the bands only leave room for harmless rewrites (one test positive is 0.022 of recall).
VERIFY_EXPECTED = {
    "bands": {
        "cv_recall": [0.750, 0.780],
        "cv_pr_auc": [0.420, 0.440],
        "test_recall": [0.760, 0.796],
        "test_f1": [0.350, 0.382],
        "test_accuracy": [0.788, 0.808],
        "test_pr_auc": [0.419, 0.439],
    },
    "run_timeout": 120,
}

# measure.py: 10 data seeds (generate(seed=1000+i)) x split seed i; mean (sd) of each metric,
# and the would-be "fixes" as differences from the original on the same data and split.
REFERENCE = {
    "original": {"cv_recall": 0.800, "cv_pr_auc": 0.454, "test_recall": 0.805, "test_precision": 0.223,
                 "test_f1": 0.348, "test_accuracy": 0.794, "test_pr_auc": 0.435,
                 "sd": {"test_recall": 0.056, "test_pr_auc": 0.088, "test_f1": 0.035}},
    "drop_class_weight": {"test_recall": "0.171 (diff -0.634, sd 0.061)", "cv_recall": "0.189 (diff -0.611)",
                          "test_f1": "0.267 (diff -0.081)", "test_accuracy": "0.938 (diff +0.144)",
                          "test_pr_auc": "0.437 (diff +0.002)"},
    "oversample_before_split": {"cv_pr_auc": "0.878 (diff +0.424)", "test_pr_auc": "0.879 (diff +0.443)",
                                "test_precision": "0.796 (diff +0.573)", "test_f1": "0.807 (diff +0.459)"},
    "not bad variants (within seed noise / one test positive on the shipped data)": "undersampling the "
        "training majority, or oversampling training failures on top of the class weights (shipped data: "
        "test_recall 0.800, test_accuracy 0.790)",
    "undersample_train": {"test_recall": "diff +0.008 (sd 0.039)",
                                                                "test_f1": "diff -0.005 (sd 0.020)"},
    "shipped data, seed 7": {"cv_recall": 0.765, "cv_pr_auc": 0.430, "test_recall": 0.778,
                             "test_precision": 0.240, "test_f1": 0.366, "test_accuracy": 0.798,
                             "test_pr_auc": 0.429},
}
