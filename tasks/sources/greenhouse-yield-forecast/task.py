"""Task: greenhouse-yield-forecast (UNDERFITTING). See ../README.md and ../build.py."""

from pathlib import Path

import numpy as np
import pandas as pd

ERROR_TYPE = "UNDERFITTING"
DIFFICULTY = "hard"
ENTRYPOINT = "python src/train.py"
METRIC_LINE = r"(?m)^test_r2:\s*-?[0-9.]+"

BUG_LOCATIONS = [{"file": "src/train.py", "lines": [28, 28], "function": "build_model"}]
ANCHORS = [
    ("src/train.py", 25, "def build_model("),
    ("src/train.py", 28, '("reg", Ridge(alpha=1.0))'),
]
LOCATION_CHECKS = [
    {"contains": "overlaps line 28", "file": "src/train.py", "lines": [28, 28], "function": None},
]

PROVENANCE = {
    "source": "synthetic: simulated weekly records of greenhouse tomato bays (climate, irrigation, soil pH, variety, yield)",
    "license": "CC0 (generated for this task)",
    "generator": "task.py make_data, numpy default_rng(11): yield = optimum in temperature and pH, penalty below 12 mm irrigation, light x CO2 interaction, variety offsets, Gaussian noise (sd 0.45)",
}

# measure.py, 12 split seeds (0..11), mean ± sd [min, max]
REFERENCE = {
    "original (Ridge)": {"train_r2": "0.210 ± 0.010 [0.198, 0.232]", "test_r2": "0.158 ± 0.032 [0.096, 0.204]",
                         "test_mae": "1.422 ± 0.048 [1.370, 1.516]"},
    "fixed (GradientBoostingRegressor)": {"train_r2": "0.963 ± 0.001 [0.961, 0.965]",
                                          "test_r2": "0.893 ± 0.009 [0.883, 0.908]",
                                          "test_mae": "0.475 ± 0.027 [0.436, 0.518]"},
    "bad: ridge_small_alpha": {"train_r2": "0.210", "test_r2": "0.158"},
    "bad: unpruned_tree": {"train_r2": "1.000", "test_r2": "0.608 ± 0.041 [0.563, 0.669]"},
    "bad: depth_3_tree": {"train_r2": "0.584", "test_r2": "0.505 ± 0.033 [0.469, 0.582]"},
    # other fixes, same data and seeds 0..9 (prototype): PolynomialFeatures(2)+Ridge test 0.872,
    # SplineTransformer+Ridge 0.896, HistGradientBoosting 0.869, RandomForest(min_samples_leaf=2) 0.823
}

VERIFY_EXPECTED = {
    "bands": {"train_r2": [0.80, 1.0], "test_r2": [0.76, 1.0], "test_mae": [0.0, 0.62]},
}

N_ROWS = 900


def make_data(files_dir: Path) -> None:
    rng = np.random.default_rng(11)
    n = N_ROWS
    t = rng.uniform(14, 34, n)
    hum = rng.uniform(45, 95, n)
    irr = rng.gamma(4, 5, n).clip(0, 60)
    light = rng.uniform(8, 18, n)
    co2 = rng.uniform(400, 1200, n)
    ph = rng.normal(6.5, 0.6, n).clip(5, 8)
    var = rng.choice(["Ailsa", "Moneymaker", "Sungold"], n, p=[0.4, 0.35, 0.25])
    y = (9.0 - 0.045 * (t - 24) ** 2
         + np.where(irr < 12, -0.35 * (12 - irr), 0.0)
         + 0.0035 * (light - 8) * (co2 - 400) / 10
         - 1.2 * (ph - 6.4) ** 2
         - 0.02 * np.abs(hum - 75)
         + np.select([var == "Ailsa", var == "Moneymaker"], [0.4, 0.0], -0.5))
    y = y + rng.normal(0, 0.45, n)
    weeks = pd.date_range("2023-01-02", periods=75, freq="W-MON")
    df = pd.DataFrame({
        "bay_id": [f"B{i % 12 + 1:02d}" for i in range(n)],
        "week": [weeks[i // 12].date().isoformat() for i in range(n)],
        "variety": var,
        "mean_temp_c": t.round(1),
        "humidity_pct": hum.round(0).astype(int),
        "irrigation_mm": irr.round(1),
        "light_hours": light.round(1),
        "co2_ppm": co2.round(0).astype(int),
        "soil_ph": ph.round(2),
        "yield_kg_m2": y.round(2),
    })
    (files_dir / "data").mkdir(parents=True, exist_ok=True)
    df.to_csv(files_dir / "data" / "bay_weeks.csv", index=False)


_FUTURE = "from __future__ import annotations\n"
_HEADER = _FUTURE + '''
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
'''


def _original(files: dict) -> str:
    """src/train.py as a response/revised_code.py (it imports the project's data and features modules)."""
    return files["src/train.py"].replace(_FUTURE, _HEADER, 1)


BAD_VARIANTS = {
    # the unchanged original, made runnable from response/ (the builder's own "original" case only fails on the import)
    "original_importing_src": _original,
    # still a linear model, just less regularised
    "ridge_small_alpha": lambda f: _original(f).replace("Ridge(alpha=1.0)", "Ridge(alpha=0.001)"),
    # swaps underfitting for overfitting: an unrestricted single tree memorises the training rows
    "unpruned_tree": lambda f: _original(f)
    .replace("from sklearn.linear_model import Ridge", "from sklearn.tree import DecisionTreeRegressor")
    .replace("Ridge(alpha=1.0)", "DecisionTreeRegressor(random_state=0)"),
    # a shallow tree: a few thresholds cannot follow the smooth optima
    "depth_3_tree": lambda f: _original(f)
    .replace("from sklearn.linear_model import Ridge", "from sklearn.tree import DecisionTreeRegressor")
    .replace("Ridge(alpha=1.0)", "DecisionTreeRegressor(max_depth=3, random_state=0)"),
}
