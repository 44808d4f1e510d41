"""renal-panel-screening: about 6 % of the panels report creatinine in umol/L
(57-403) instead of mg/dL (0.4-7.5). harmonise_units() converts glucose panels
reported in mmol/L but not creatinine, so those values go into the logistic
regression as 50-100x outliers: the standardisation and the creatinine
coefficient are dragged (the most informative analyte is attenuated), and
every umol/L panel looks like severe CKD.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

ERROR_TYPE = "OUTLIER"
DIFFICULTY = "medium"
ENTRYPOINT = "python src/screen_model.py"
METRIC_LINE = r"(?m)^test_balanced_accuracy:\s*[0-9.]+"

BUG_LOCATIONS = [{"file": "src/screen_model.py", "lines": [34, 37], "function": "harmonise_units"}]
ANCHORS = [
    ("src/screen_model.py", 32, "def harmonise_units(panel):"),
    ("src/screen_model.py", 34, "out = panel.copy()"),
    ("src/screen_model.py", 35, 'mmol = out["glucose"] < 30'),
    ("src/screen_model.py", 37, "return out"),
    ("src/screen_model.py", 49, "panel = harmonise_units(load_panel(DATA))"),
]
LOCATION_CHECKS = [
    {"contains": "whose line range overlaps lines 34–37", "file": "src/screen_model.py", "lines": [34, 37]},
    {"contains": "gives `function` as `harmonise_units`", "file": "src/screen_model.py", "lines": [32, 37],
     "function": "harmonise_units"},
]

# measure.py over split seeds 0-9; (mean, sd, min, max); the script's seed 3 separately.
REFERENCE = {
    "buggy": {"cv_balanced_accuracy": (0.859, 0.005, 0.852, 0.866), "test_balanced_accuracy": (0.853, 0.018, 0.816, 0.873),
              "test_sensitivity": (0.762, 0.034, 0.685, 0.806), "test_specificity": (0.944, 0.015, 0.920, 0.969),
              "test_roc_auc": (0.921, 0.016, 0.885, 0.941)},
    "fixed (creatinine > 20 divided by 88.42)": {
        "cv_balanced_accuracy": (0.904, 0.005, 0.894, 0.911), "test_balanced_accuracy": (0.901, 0.017, 0.860, 0.921),
        "test_sensitivity": (0.829, 0.033, 0.750, 0.855), "test_specificity": (0.973, 0.011, 0.956, 0.991),
        "test_roc_auc": (0.944, 0.015, 0.906, 0.966)},
    "RobustScaler instead of StandardScaler": {"cv_balanced_accuracy": (0.859, 0.005, 0.852, 0.866),
                                               "test_balanced_accuracy": (0.853, 0.018, 0.816, 0.873)},
    "umol/L panels dropped from training only": {"cv_balanced_accuracy": (0.899, 0.006, 0.892, 0.913),
                                                 "test_specificity": (0.926, 0.010, 0.912, 0.942),
                                                 "test_roc_auc": (0.902, 0.013, 0.882, 0.918)},
    "umol/L panels dropped from training and test": {"test_balanced_accuracy": (0.903, 0.018, 0.863, 0.927),
                                                     "test_roc_auc": (0.943, 0.016, 0.905, 0.970)},
    "creatinine clipped at the training 99th percentile": {"cv_balanced_accuracy": (0.858, 0.006, 0.852, 0.866)},
    "log(creatinine)": {"cv_balanced_accuracy": (0.865, 0.006, 0.855, 0.876), "test_roc_auc": (0.926, 0.015, 0.891, 0.947)},
    "seed 3 (the script's): cv / test bacc / test auc": {
        "buggy": (0.859, 0.859, 0.914), "fixed": (0.901, 0.895, 0.939), "drop_train": (0.894, 0.878, 0.896),
        "drop_both": (0.894, 0.896, 0.941), "robust_scaler": (0.859, 0.859, 0.914), "clip99": (0.858, 0.859, 0.914),
        "log": (0.865, 0.873, 0.920)},
}
VERIFY_EXPECTED = {"bands": {"cv_balanced_accuracy": [0.885, 0.93], "test_balanced_accuracy": [0.87, 0.94],
                             "test_roc_auc": [0.925, 0.97]}}
PROVENANCE = {
    "source": "generated",
    "license": "CC0-1.0",
    "generator": "task.py make_data(), numpy default_rng(8841): 1400 synthetic chemistry panels, 34 % CKD with "
                 "shifted creatinine/urea/haemoglobin/albumin/BP, 4 % label noise; creatinine x 88.42 (umol/L) in "
                 "86 panels, glucose / 18.016 (mmol/L) in 78 panels, 2 % albumin missing",
}


def make_data(files_dir: Path, seed: int = 8841, n: int = 1400) -> None:
    rng = np.random.default_rng(seed)
    ckd = rng.random(n) < 0.34
    age = np.round(np.clip(rng.normal(58, 14, n) + 6 * ckd, 18, 92)).astype(int)
    sbp = np.round(rng.normal(132, 16, n) + 9 * ckd).astype(int)
    creat = np.where(ckd, rng.lognormal(np.log(2.1), 0.45, n), rng.lognormal(np.log(0.95), 0.22, n))
    urea = np.where(ckd, rng.lognormal(np.log(62), 0.4, n), rng.lognormal(np.log(32), 0.3, n))
    hb = rng.normal(13.8, 1.5, n) - 1.6 * ckd
    alb = rng.normal(4.1, 0.4, n) - 0.35 * ckd
    glu = rng.lognormal(np.log(108), 0.3, n) + 18 * ckd
    sodium = rng.normal(139, 3.0, n) - 1.2 * ckd
    potassium = rng.normal(4.3, 0.45, n) + 0.35 * ckd
    # fuzz the labels a bit: borderline cases
    flip = rng.random(n) < 0.04
    label = np.where(flip, ~ckd, ckd).astype(int)
    df = pd.DataFrame({
        "sample_id": [f"S{70000 + i}" for i in range(n)], "age": age, "systolic_bp": sbp,
        "creatinine": np.round(creat, 2), "urea": np.round(urea, 1), "hemoglobin": np.round(hb, 1),
        "albumin": np.round(alb, 2), "glucose": np.round(glu, 0), "sodium": np.round(sodium, 0),
        "potassium": np.round(potassium, 1), "ckd": label,
    })
    # creatinine reported in umol/L instead of mg/dL for ~6 % of samples
    wrong = rng.random(n) < 0.06
    df.loc[wrong, "creatinine"] = np.round(creat[wrong] * 88.42, 0)
    mmol = rng.random(n) < 0.05
    df.loc[mmol, "glucose"] = np.round(glu[mmol] / 18.016, 1)
    miss = rng.random(n) < 0.02
    df.loc[miss, "albumin"] = np.nan
    (files_dir / "data").mkdir(parents=True, exist_ok=True)
    df.to_csv(files_dir / "data" / "renal_panel.csv", index=False)


def _robust_scaler(files: dict[str, str]) -> str:
    """RobustScaler instead of StandardScaler; the umol/L values stay in."""
    src = files["src/screen_model.py"].replace("from sklearn.preprocessing import StandardScaler",
                                               "from sklearn.preprocessing import RobustScaler")
    return src.replace("        StandardScaler(),", "        RobustScaler(),")


def _drop_train(files: dict[str, str]) -> str:
    """Drops the umol/L panels from the training rows only; the test panels keep their raw values."""
    split = "    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=SEED)\n"
    return files["src/screen_model.py"].replace(split, split + "    keep = (X_train[\"creatinine\"] <= 20).to_numpy()\n"
                                                        "    X_train, y_train = X_train[keep], y_train[keep]\n")


def _clip(files: dict[str, str]) -> str:
    """Winsorises creatinine at the 99th percentile instead of converting it."""
    ret = '    out.loc[mmol, "glucose"] = out.loc[mmol, "glucose"] * 18.016\n'
    return files["src/screen_model.py"].replace(
        ret, ret + '    out["creatinine"] = out["creatinine"].clip(upper=out["creatinine"].quantile(0.99))\n')


BAD_VARIANTS = {"robust_scaler": _robust_scaler, "drop_train_only": _drop_train, "clip_p99": _clip}
