"""Task: landcover-pixel-classifier (UNDERFITTING). See ../README.md and ../build.py."""

from pathlib import Path

import numpy as np
import pandas as pd

ERROR_TYPE = "UNDERFITTING"
DIFFICULTY = "medium"
ENTRYPOINT = "python src/classify.py"
METRIC_LINE = r"(?m)^test_accuracy:\s*[0-9.]+"

BUG_LOCATIONS = [{"file": "src/classify.py", "lines": [36, 37], "function": "fit_classifier"}]
ANCHORS = [
    ("src/classify.py", 35, "def fit_classifier("),
    ("src/classify.py", 36, "n_neighbors = max(5, len(y_train) // 3)"),
    ("src/classify.py", 37, "KNeighborsClassifier(n_neighbors=n_neighbors)"),
]
LOCATION_CHECKS = [
    {"contains": "overlaps line 36", "file": "src/classify.py", "lines": [36, 36], "function": None},
]

PROVENANCE = {
    "source": "synthetic: simulated Sentinel-2 surface reflectance of field-checked reference pixels (4 land-cover classes)",
    "license": "CC0 (generated for this task)",
    "generator": "task.py make_data, numpy default_rng(21): each class is a mixture of 8 log-normal sub-types (e.g. clear/turbid water, crop growth stages) around typical class spectra; ~5 % cloudy pixels (cloud_prob >= 0.4) are dropped by the code",
}

# measure.py, 12 split seeds (0..11), mean ± sd [min, max]
REFERENCE = {
    "original (k = a third of the training pixels, ~300)": {"train_accuracy": "0.706 ± 0.005 [0.698, 0.715]",
                                                           "test_accuracy": "0.702 ± 0.023 [0.666, 0.728]",
                                                           "test_macro_f1": "0.673 ± 0.023 [0.637, 0.698]"},
    "fixed (k = 15)": {"train_accuracy": "0.941 ± 0.004 [0.933, 0.947]",
                       "test_accuracy": "0.931 ± 0.009 [0.915, 0.948]",
                       "test_macro_f1": "0.932 ± 0.009 [0.916, 0.948]"},
    "bad: k_tenth_of_train (~90)": {"train_accuracy": "0.854 ± 0.008 [0.842, 0.869]",
                                    "test_accuracy": "0.855 ± 0.023 [0.800, 0.895]"},
    "bad: distance_weights_only": {"train_accuracy": "1.000", "test_accuracy": "0.790 ± 0.024 [0.748, 0.820]"},
}

VERIFY_EXPECTED = {
    "bands": {"train_accuracy": [0.90, 1.0], "test_accuracy": [0.89, 1.0], "test_macro_f1": [0.89, 1.0]},
}

N_PER_CLASS, N_MODES, SPREAD = 320, 8, 0.25
BASE_SPECTRA = {
    "water": [0.07, 0.07, 0.05, 0.04, 0.02, 0.015],
    "forest": [0.035, 0.06, 0.04, 0.32, 0.16, 0.07],
    "cropland": [0.07, 0.10, 0.10, 0.30, 0.24, 0.15],
    "urban": [0.12, 0.13, 0.15, 0.20, 0.24, 0.21],
}


def make_data(files_dir: Path) -> None:
    rng = np.random.default_rng(21)
    frames = []
    for cls, base in BASE_SPECTRA.items():
        centers = np.array(base) * np.exp(rng.normal(0, 0.45, (N_MODES, 6)))
        comp = rng.integers(0, N_MODES, N_PER_CLASS)
        refl = (centers[comp] * np.exp(rng.normal(0, SPREAD, (N_PER_CLASS, 6)))).clip(0.0005, 0.95)
        f = pd.DataFrame(refl.round(4), columns=["b2_blue", "b3_green", "b4_red", "b8_nir", "b11_swir1", "b12_swir2"])
        f["land_cover"] = cls
        frames.append(f)
    df = pd.concat(frames, ignore_index=True)
    df = df.iloc[rng.permutation(len(df))].reset_index(drop=True)
    cloudy = rng.random(len(df)) < 0.05
    df["cloud_prob"] = np.where(cloudy, rng.uniform(0.4, 1.0, len(df)), rng.uniform(0.0, 0.3, len(df))).round(2)
    df.loc[cloudy, ["b2_blue", "b3_green", "b4_red"]] = (df.loc[cloudy, ["b2_blue", "b3_green", "b4_red"]] + 0.25).round(4)
    df.insert(0, "tile", rng.choice(["T32UNU", "T32UPU", "T33UUP"], len(df)))
    df.insert(0, "pixel_id", [f"P{i:05d}" for i in range(len(df))])
    (files_dir / "data").mkdir(parents=True, exist_ok=True)
    df.to_csv(files_dir / "data" / "reference_pixels.csv", index=False)


def _original(files: dict) -> str:
    return files["src/classify.py"]


BAD_VARIANTS = {
    # a smaller fraction of the training set is still a very coarse vote
    "k_tenth_of_train": lambda f: _original(f).replace("len(y_train) // 3", "len(y_train) // 10"),
    # distance weighting makes every training pixel its own nearest neighbour (train 1.0) but the
    # test vote is still spread over a third of the training set
    "distance_weights_only": lambda f: _original(f).replace(
        "KNeighborsClassifier(n_neighbors=n_neighbors)", 'KNeighborsClassifier(n_neighbors=n_neighbors, weights="distance")'),
}
