"""Task: machined-part-qc (UNDERFITTING). See ../README.md and ../build.py."""

from pathlib import Path

import numpy as np
import pandas as pd

ERROR_TYPE = "UNDERFITTING"
DIFFICULTY = "easy"
ENTRYPOINT = "python src/qc_model.py"
METRIC_LINE = r"(?m)^test_accuracy:\s*[0-9.]+"

BUG_LOCATIONS = [{"file": "src/qc_model.py", "lines": [35, 35], "function": "build_classifier"}]
ANCHORS = [
    ("src/qc_model.py", 35, "def build_classifier(C: float = 0.01"),
    ("src/qc_model.py", 38, 'SVC(kernel="rbf", C=C, gamma=gamma)'),
]
LOCATION_CHECKS = [
    {"contains": "overlaps line 35", "file": "src/qc_model.py", "lines": [35, 35], "function": None},
]

PROVENANCE = {
    "source": "synthetic: simulated end-of-line gauge readings of CNC-machined housings with the quality engineer's accept/reject decision",
    "license": "CC0 (generated for this task)",
    "generator": "task.py make_data, numpy default_rng(8): deviations grow with tool wear, bore drifts with spindle temperature; reject probability is a steep logistic of a radial tolerance score (sqrt of weighted squared deviations + |runout|); ~50 % rejects; 3 % rows with gauge_status 'error' are dropped by the code",
}

# measure.py, 10 split seeds (0..9), mean ± sd [min, max]
REFERENCE = {
    "original (RBF SVC, C=0.01)": {"train_accuracy": "0.692 ± 0.010 [0.667, 0.705]",
                                   "test_accuracy": "0.679 ± 0.015 [0.655, 0.711]",
                                   "test_reject_f1": "0.759 ± 0.009 [0.745, 0.778]",
                                   "test_roc_auc": "0.893 ± 0.008 [0.881, 0.908]"},
    "fixed (RBF SVC, C=1.0)": {"train_accuracy": "0.911 ± 0.007 [0.904, 0.926]",
                               "test_accuracy": "0.886 ± 0.011 [0.871, 0.908]",
                               "test_reject_f1": "0.889 ± 0.009 [0.875, 0.907]",
                               "test_roc_auc": "0.956 ± 0.006 [0.944, 0.963]"},
    "bad: C_0_1": {"train_accuracy": "0.860 ± 0.007 [0.851, 0.870]", "test_accuracy": "0.849 ± 0.012 [0.831, 0.862]"},
    "bad: linear_kernel": {"train_accuracy": "0.680 ± 0.008", "test_accuracy": "0.678 ± 0.018 [0.655, 0.711]"},
    # prototype, seeds 0..4: C=10 train 0.928 / test 0.865; C=100 train 0.969 / test 0.833 (overfits)
}

VERIFY_EXPECTED = {
    "bands": {"train_accuracy": [0.885, 1.0], "test_accuracy": [0.855, 1.0], "test_reject_f1": [0.855, 1.0]},
}

N_ROWS = 1340


def make_data(files_dir: Path) -> None:
    rng = np.random.default_rng(8)
    n = N_ROWS
    wear = rng.uniform(0, 1, n)
    temp = rng.normal(38, 4, n)
    d = rng.normal(0, 1, (n, 4)) * (0.6 + 0.8 * wear)[:, None]
    d[:, 0] += 0.08 * (temp - 38)
    score = np.sqrt(d[:, 0] ** 2 + (d[:, 1] / 1.2) ** 2 + (d[:, 2] / 0.9) ** 2) + 0.6 * np.abs(d[:, 3])
    p = 1 / (1 + np.exp(-6 * (score - 1.9)))
    y = (rng.random(n) < p).astype(int)
    status = np.where(rng.random(n) < 0.03, "error", "ok")
    df = pd.DataFrame({
        "part_serial": [f"HX-{240000 + i}" for i in range(n)],
        "gauge_status": status,
        "bore_dev": d[:, 0].round(3),
        "length_dev": d[:, 1].round(3),
        "flatness_dev": d[:, 2].round(3),
        "runout_dev": d[:, 3].round(3),
        "spindle_temp_c": temp.round(1),
        "tool_wear": wear.round(3),
        "rejected": y,
    })
    df.loc[status == "error", ["bore_dev", "length_dev"]] = 0.0
    (files_dir / "data").mkdir(parents=True, exist_ok=True)
    df.to_csv(files_dir / "data" / "inspections.csv", index=False)


def _original(files: dict) -> str:
    return files["src/qc_model.py"]


BAD_VARIANTS = {
    # ten times weaker regularisation, still far too strong
    "C_0_1": lambda f: _original(f).replace("C: float = 0.01", "C: float = 0.1"),
    # a linear kernel cannot follow the radial tolerance boundary, whatever C
    "linear_kernel": lambda f: _original(f)
    .replace("C: float = 0.01", "C: float = 1.0").replace('SVC(kernel="rbf"', 'SVC(kernel="linear"'),
}
