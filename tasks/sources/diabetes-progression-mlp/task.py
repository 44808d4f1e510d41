"""diabetes-progression-mlp: scaled regression target never inverse-transformed (SCALING_ERROR)."""

from __future__ import annotations

from pathlib import Path

ERROR_TYPE = "SCALING_ERROR"
DIFFICULTY = "medium"
ENTRYPOINT = "python src/train.py"
METRIC_LINE = r"(?m)^test_mae:\s*[0-9.]+"
PROVENANCE = {
    "source": "scikit-learn bundled diabetes dataset (Efron et al. 2004, 'Least Angle Regression'), "
              "load_diabetes(scaled=False); columns renamed, patient ids added",
    "license": "BSD-3-Clause (scikit-learn)",
    "generator": "task.py make_data",
}

BUG_LOCATIONS = [{"file": "src/model.py", "lines": [34, 35], "function": "predict"}]
ANCHORS = [
    ("src/model.py", 34, "def predict("),
    ("src/model.py", 35, "return self.net_.predict(self.x_scaler_.transform(X))"),
    ("src/model.py", 21, "self.y_scaler_ = StandardScaler().fit("),
    ("src/model.py", 30, "y_std = self.y_scaler_.transform("),
]
LOCATION_CHECKS = [
    {"contains": "overlaps lines 34–35", "file": "src/model.py", "lines": [34, 35], "function": "predict"},
]
EXTRA_CHECKS = [
    # Decides the LOCALIZATION line "No location blames the MLP's settings (lines 22–29 of `src/model.py`),
    # `src/data.py`, or the metric code in `src/train.py` (`regression_report`, `cross_validated_mae`)".
    {"type": "LOCALIZATION", "contains": "No location blames the MLP's settings", "check": "locations_avoid",
     "args": {"path": "response/report.json", "avoid": [
         {"file": "src/model.py", "lines": [22, 29]},  # MLPRegressor(...) settings
         {"file": "src/data.py"},                      # sound as a whole
         {"file": "src/train.py", "lines": [27, 32]},  # regression_report
         {"file": "src/train.py", "lines": [35, 41]},  # cross_validated_mae
     ]}},
]

# measure.py, 12 split seeds (0-11)
REFERENCE = {
    "buggy": {"test_mae": "151.96 +/- 5.74 (144.1-161.8)", "cv_mae": "152.15 +/- 1.46", "test_r2": "-4.07 +/- 0.47",
              "baseline_mae": "64.26 +/- 4.66"},
    "fixed": {"test_mae": "45.16 +/- 3.46 (37.8-50.8)", "cv_mae": "47.15 +/- 1.14 (45.2-48.9)", "test_r2": "0.42 +/- 0.11"},
    "default_seed_3": {"buggy": {"test_mae": 146.49, "cv_mae": 153.61, "test_r2": -3.952, "baseline_mae": 62.98},
                       "fixed": {"test_mae": 45.91, "cv_mae": 48.68, "test_r2": 0.348}},
    "alternative_no_target_scaling_seed_3": {"test_mae": 64.94, "cv_mae": 47.43, "test_r2": -0.291},
}

VERIFY_EXPECTED = {
    "script": "response/revised_code.py",
    "bands": {"test_mae": [36.0, 54.0], "cv_mae": [42.0, 53.0], "test_r2": [0.15, 0.65]},
}


def _replace(src: str, old: str, new: str) -> str:
    assert old in src, old
    return src.replace(old, new)


def _inline(files: dict[str, str], predict_body: str) -> str:
    """A standalone script built from the three modules, with a different predict body."""
    data = files["src/data.py"].replace("from __future__ import annotations\n", "")
    model = files["src/model.py"].replace("from __future__ import annotations\n", "")
    model = _replace(model, "        return self.net_.predict(self.x_scaler_.transform(X))\n", predict_body)
    train = files["src/train.py"]
    train = _replace(train, "sys.path.insert(0, str(Path(__file__).resolve().parent))\n", "")
    train = _replace(train, "from data import ROOT, load_cohort, split_cohort  # noqa: E402\n", "")
    train = _replace(train, "from model import ProgressionModel  # noqa: E402\n", "")
    train = _replace(train, "from __future__ import annotations\n", "from __future__ import annotations\n" + data + model)
    return train.replace('ROOT = Path(__file__).resolve().parents[1]', 'ROOT = Path(__file__).resolve().parents[1]')


def _scale_only(files: dict[str, str]) -> str:
    return _inline(files, "        z = self.net_.predict(self.x_scaler_.transform(X))\n"
                          "        return z * self.y_scaler_.scale_[0]\n")


def _compare_in_scaled_units(files: dict[str, str]) -> str:
    src = _inline(files, "        return self.net_.predict(self.x_scaler_.transform(X))\n")
    src = _replace(src, "    test = regression_report(y_test, pred)\n",
                   "    y_test = pd.Series(model.y_scaler_.transform(y_test.to_numpy().reshape(-1, 1)).ravel(), index=y_test.index)\n"
                   "    test = regression_report(y_test, pred)\n")
    return src


BAD_VARIANTS = {
    "original_inlined": lambda files: _inline(files, "        return self.net_.predict(self.x_scaler_.transform(X))\n"),
    "rescale_without_mean": _scale_only,
    "metrics_in_scaled_units": _compare_in_scaled_units,
}


def make_data(files_dir: Path) -> None:
    from sklearn.datasets import load_diabetes

    df = load_diabetes(as_frame=True, scaled=False).frame
    df = df.rename(columns={"bp": "map_mmhg", "s1": "tc", "s2": "ldl", "s3": "hdl", "s4": "tc_hdl", "s5": "ltg",
                            "s6": "glucose", "target": "progression_1y"})
    df.insert(0, "patient_id", [f"P{i:04d}" for i in range(len(df))])
    (files_dir / "data").mkdir(parents=True, exist_ok=True)
    df.to_csv(files_dir / "data" / "cohort.csv", index=False)
