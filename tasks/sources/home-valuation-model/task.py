"""home-valuation-model: ordinal grades encoded in alphabetical order for a linear AVM (ENCODING_ERROR)."""

from pathlib import Path

import numpy as np
import pandas as pd

ERROR_TYPE = "ENCODING_ERROR"
DIFFICULTY = "easy"
ENTRYPOINT = "python src/valuation.py"
METRIC_LINE = r"(?m)^test_r2:\s*-?[0-9.]+"
BUG_LOCATIONS = [{"file": "src/valuation.py", "lines": [46, 46], "function": "build_pipeline"}]
ANCHORS = [
    ("src/valuation.py", 46, '("grade", Pipeline([("enc", OrdinalEncoder()), ("scale", StandardScaler())]), GRADED)'),
    ("src/valuation.py", 22, 'GRADED = ["condition", "kitchen_quality"]'),
]
LOCATION_CHECKS = [
    {"contains": "overlaps line 46", "file": "src/valuation.py", "lines": [46, 46], "function": "build_pipeline"},
]
PROVENANCE = {
    "source": "synthetic residential sales generated for this task (hedonic log-price model)",
    "license": "CC0-1.0",
    "generator": "task.py make_data, numpy default_rng(7), 1400 rows",
}
LEVELS = ["poor", "fair", "average", "good", "excellent"]


def make_data(files_dir):
    rng = np.random.default_rng(7)
    n = 1400
    hoods = ["Brookside", "Cedar Hill", "Eastgate", "Harbor View", "Millbrook", "Northfield", "Oak Park", "Riverside"]
    heff = dict(zip(hoods, [0.05, 0.18, -0.12, 0.30, -0.04, 0.08, 0.12, -0.02]))
    hood = rng.choice(hoods, n, p=[0.14, 0.12, 0.15, 0.08, 0.15, 0.13, 0.11, 0.12])
    beds = rng.choice([1, 2, 3, 4, 5], n, p=[0.05, 0.22, 0.40, 0.25, 0.08])
    area = np.round(np.clip(480 + beds * 380 + rng.normal(0, 260, n), 450, 4800), -1)
    baths = np.clip(np.round((beds * 0.6 + rng.normal(0.4, 0.5, n)) * 2) / 2, 1, 4.5)
    lot = np.round(np.exp(rng.normal(8.8, 0.45, n)), -1)
    year = rng.integers(1925, 2021, n)
    garage = rng.choice([0, 1, 2, 3], n, p=[0.15, 0.35, 0.42, 0.08])
    age = 2024 - year
    cz = rng.normal(0, 1, n) - age / 120
    cond = np.digitize(cz, [-1.6, -0.8, 0.3, 1.1])
    kq = np.digitize(0.35 * cz + rng.normal(0, 0.95, n), [-1.4, -0.6, 0.4, 1.2])
    ceff = np.array([-0.22, -0.10, 0.0, 0.09, 0.20])
    keff = np.array([-0.20, -0.09, 0.0, 0.08, 0.19])
    logp = (11.35 + 0.00042 * area + 0.05 * baths + 0.10 * np.log(lot / 6000) + 0.03 * garage - 0.0015 * age
            + np.array([heff[h] for h in hood]) + ceff[cond] + keff[kq] + rng.normal(0, 0.12, n))
    df = pd.DataFrame({
        "neighborhood": hood, "living_area_sqft": area.astype(int), "lot_sqft": lot.astype(int),
        "bedrooms": beds, "bathrooms": baths, "year_built": year, "garage_spaces": garage,
        "condition": np.array(LEVELS)[cond], "kitchen_quality": np.array(LEVELS)[kq],
        "sale_price": np.round(np.exp(logp), -2).astype(int),
    })
    (Path(files_dir) / "data").mkdir(parents=True, exist_ok=True)
    df.to_csv(Path(files_dir) / "data" / "sales.csv", index=False)


def _encoder(files, new):
    src = files["src/valuation.py"]
    old = 'OrdinalEncoder()'
    assert old in src
    return src.replace(old, new)


BAD_VARIANTS = {
    # only `condition` put in order; kitchen_quality still alphabetical
    "half_fix_condition_only": lambda f: _encoder(
        f, 'OrdinalEncoder(categories=[["poor", "fair", "average", "good", "excellent"], '
           '["average", "excellent", "fair", "good", "poor"]])'),
    # drops the graded columns instead of encoding them properly
    "drop_graded_columns": lambda f: f["src/valuation.py"].replace(
        '            ("grade", Pipeline([("enc", OrdinalEncoder()), ("scale", StandardScaler())]), GRADED),\n', ""),
    # order of first appearance in the data (pd.factorize-like) is still arbitrary
    "order_of_appearance": lambda f: _encoder(
        f, 'OrdinalEncoder(categories=[list(pd.read_csv(DATA_PATH)[c].unique()) for c in GRADED])'),
}

VERIFY_EXPECTED = {
    "bands": {"test_r2": [0.83, 0.91], "test_mape": [0.085, 0.115], "cv_r2_log": [0.845, 0.895]},
    "run_timeout": 120,
}

# measure.py, split seeds 0-11 (mean, sd, min, max)
REFERENCE = {
    "buggy": {"test_r2": (0.607, 0.023, 0.562, 0.655), "test_mape": (0.165, 0.005, 0.159, 0.173),
              "cv_r2_log": (0.626, 0.009, 0.607, 0.638)},
    "fixed": {"test_r2": (0.858, 0.012, 0.827, 0.872), "test_mape": (0.098, 0.003, 0.092, 0.103),
              "cv_r2_log": (0.868, 0.003, 0.864, 0.876)},
    "one_hot_grades": {"test_r2": (0.859, 0.012, 0.83, 0.872), "test_mape": (0.097, 0.003, 0.091, 0.104),
                       "cv_r2_log": (0.867, 0.003, 0.864, 0.875)},
    "half_fix_condition_only": {"test_r2": (0.772, 0.018, 0.747, 0.802), "test_mape": (0.123, 0.004, 0.117, 0.129),
                                "cv_r2_log": (0.785, 0.005, 0.776, 0.793)},
    "drop_graded_columns": {"test_r2": (0.572, 0.028, 0.511, 0.619), "test_mape": (0.177, 0.004, 0.17, 0.184)},
    "order_of_appearance": {"test_r2": (0.61, 0.033, 0.52, 0.646), "test_mape": (0.172, 0.005, 0.164, 0.179)},
    "default_seed_11": {"buggy_test_r2": 0.655, "fixed_test_r2": 0.868, "fixed_test_mape": 0.103},
}
