"""bottling-line-qc: scaler refit on each scored dataset, incl. a later batch with a higher defect rate (SCALING_ERROR)."""

from __future__ import annotations

from pathlib import Path

ERROR_TYPE = "SCALING_ERROR"
DIFFICULTY = "hard"
ENTRYPOINT = "python src/qc_model.py"
METRIC_LINE = r"(?m)^october_recall:\s*[0-9.]+"
PROVENANCE = {
    "source": "generated",
    "license": "CC0-1.0",
    "generator": "task.py make_data(files_dir, seed=4): numpy default_rng; 3000 history units (10 % defects, months 1-9) "
                 "and an October run of 800 units (38 % defects)",
}

BUG_LOCATIONS = [
    {"file": "src/qc_model.py", "lines": [39, 41], "function": "sensor_matrix"},
    {"file": "src/qc_model.py", "lines": [51, 51], "function": "report"},
]
ANCHORS = [
    ("src/qc_model.py", 39, "def sensor_matrix("),
    ("src/qc_model.py", 41, "return StandardScaler().fit_transform(X)"),
    ("src/qc_model.py", 51, "proba = model.predict_proba(sensor_matrix(df))[:, 1]"),
    ("src/qc_model.py", 46, "return model.fit(sensor_matrix(df), df[LABEL].to_numpy())"),
    ("src/qc_model.py", 75, 'report("october", model, october, args.threshold)'),
]
LOCATION_CHECKS = [
    {"contains": "overlaps lines 39–41", "file": "src/qc_model.py", "lines": [39, 41], "function": "sensor_matrix"},
    {"contains": "overlaps line 51", "file": "src/qc_model.py", "lines": [51, 51], "function": "report"},
]
EXTRA_CHECKS = [
    # Decides the LOCALIZATION line "No location blames the class weighting, the threshold, the validation split
    # or the choice of logistic regression": class weighting + model = the LogisticRegression(...) line in
    # train, threshold = its default, validation split = VALIDATION_MONTHS and the is_valid/train lines in main.
    {"type": "LOCALIZATION", "contains": "No location blames the class weighting", "check": "locations_avoid",
     "args": {"path": "response/report.json", "avoid": [
         {"file": "src/qc_model.py", "lines": [45, 45]},  # LogisticRegression(C=C, class_weight="balanced", ...)
         {"file": "src/qc_model.py", "lines": [62, 62]},  # --threshold default 0.5
         {"file": "src/qc_model.py", "lines": [31, 31]},  # VALIDATION_MONTHS = (8, 9)
         {"file": "src/qc_model.py", "lines": [70, 71]},  # is_valid split, train on the other months
     ], "max_lines": 15}},  # "... and every entry spans at most 15 lines"
]

# A single scaler (fitted on history + October pooled, or even on October alone) used for training and scoring alike is consistent
# between training and scoring; with C=1 and 3000 rows the logistic regression is then practically
# invariant to it (October recall 0.730, unchanged on the subsampled file), so it is not listed as a bad variant.
# measure.py, 12 data seeds (0-11; seed 4 ships)
REFERENCE = {
    "buggy": {"october_recall": "0.587 +/- 0.027 (0.560-0.658)", "october_f1": "0.649 +/- 0.021",
              "october_precision": "0.727 +/- 0.031", "october_auc": "0.822 +/- 0.016", "valid_recall": "0.724 +/- 0.045"},
    "fixed": {"october_recall": "0.737 +/- 0.017 (0.706-0.766)", "october_f1": "0.691 +/- 0.015",
              "october_precision": "0.650 +/- 0.027", "october_auc": "0.822 +/- 0.016", "valid_recall": "0.720 +/- 0.039"},
    "shipped_seed_4": {"buggy": {"october_recall": 0.573, "october_f1": 0.620, "october_auc": 0.782, "valid_recall": 0.756},
                       "fixed": {"october_recall": 0.730, "october_f1": 0.664, "october_auc": 0.784, "valid_recall": 0.769}},
}

VERIFY_EXPECTED = {
    "script": "response/revised_code.py",
    "bands": {"october_recall": [0.68, 0.80], "valid_recall": [0.64, 0.86]},
    "subsample": {"data_file": "data/october_run.csv", "label": "defect", "keep_negative_every": 4,
                  "metric": "october_recall", "tolerance": 0.01},
}


def _replace(src: str, old: str, new: str) -> str:
    assert old in src, old
    return src.replace(old, new)


def _score_with_pooled_scaler(files: dict[str, str]) -> str:
    """Training keeps its own scaler, but scored data is standardised with history + that data pooled."""
    src = files["src/qc_model.py"]
    return _replace(src, "    proba = model.predict_proba(sensor_matrix(df))[:, 1]\n",
                    "    pooled = pd.concat([load(\"history.csv\"), df])[SENSORS].to_numpy(dtype=float)\n"
                    "    X = StandardScaler().fit(pooled).transform(df[SENSORS].to_numpy(dtype=float))\n"
                    "    proba = model.predict_proba(X)[:, 1]\n")


def _lower_threshold(files: dict[str, str]) -> str:
    """Keeps the per-dataset refit and compensates with a lower alert threshold."""
    return _replace(files["src/qc_model.py"], 'parser.add_argument("--threshold", type=float, default=0.5)',
                    'parser.add_argument("--threshold", type=float, default=0.35)')


BAD_VARIANTS = {
    "score_with_pooled_scaler": _score_with_pooled_scaler,
    "lower_threshold_only": _lower_threshold,
}


def generate(seed: int):
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(seed)

    def units(n: int, rate: float) -> pd.DataFrame:
        d = rng.random(n) < rate
        kind = rng.integers(0, 3, n)
        return pd.DataFrame({
            "fill_volume_ml": np.round(rng.normal(500, 1.6, n) - d * (kind == 0) * rng.normal(2.2, 0.8, n), 2),
            "cap_torque_nm": np.round(rng.normal(2.10, 0.16, n) - d * (kind == 1) * rng.normal(0.28, 0.08, n), 3),
            "seal_temp_c": np.round(rng.normal(182, 3.5, n) + d * rng.normal(3.0, 2.0, n), 2),
            "line_speed_bpm": np.round(rng.normal(300, 18, n) + d * rng.normal(8, 10, n), 1),
            "vibration_rms": np.round(np.abs(rng.normal(0.80, 0.15, n) + d * (kind == 2) * rng.normal(0.30, 0.1, n)), 3),
            "ambient_humidity_pct": np.round(rng.normal(55, 9, n), 1),
            "bottle_weight_g": np.round(rng.normal(30.0, 0.45, n) - d * rng.normal(0.15, 0.2, n), 3),
            "defect": d.astype(int),
        })

    history = units(3000, 0.10)
    history.insert(0, "month", np.sort(rng.integers(1, 10, len(history))))
    history.insert(0, "unit_id", [f"B{100000 + i}" for i in range(len(history))])
    october = units(800, 0.38)
    october.insert(0, "month", 10)
    october.insert(0, "unit_id", [f"B{200000 + i}" for i in range(len(october))])
    return history, october


def make_data(files_dir: Path, seed: int = 4) -> None:
    history, october = generate(seed)
    (files_dir / "data").mkdir(parents=True, exist_ok=True)
    history.to_csv(files_dir / "data" / "history.csv", index=False)
    october.to_csv(files_dir / "data" / "october_run.csv", index=False)
