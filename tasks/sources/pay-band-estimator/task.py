"""pay-band estimator: a k-NN salary regressor whose Winsorizer caps every
numeric feature and the salary target at their own first and third quartiles
(instead of outlier fences). Half the salaries, half the experience values and
a third of the levels are flattened; the model can only predict salaries between
Q1 and Q3 of the training roster, so levels 1 and 4-6 are badly mispriced.
The data do contain some implausible values (30 experience values recorded in
months), which is what a winsorizer with sensible limits would bound.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

ERROR_TYPE = "OUTLIER"
DIFFICULTY = "medium"
ENTRYPOINT = "python src/model.py"
METRIC_LINE = r"(?m)^test_mae_usd:\s*[0-9.]+"

BUG_LOCATIONS = [
    {"file": "src/prep.py", "lines": [23, 25], "function": "fit"},
    {"file": "src/model.py", "lines": [40, 40], "function": "main"},
]
ANCHORS = [
    ("src/prep.py", 22, "def fit(self, frame):"),
    ("src/prep.py", 23, "quartiles = frame[self.columns].quantile([0.25, 0.75])"),
    ("src/prep.py", 24, "self.lower_ = quartiles.loc[0.25]"),
    ("src/prep.py", 25, "self.upper_ = quartiles.loc[0.75]"),
    ("src/model.py", 40, "caps = Winsorizer(NUMERIC + [TARGET]).fit(train)"),
]
LOCATION_CHECKS = [
    {"contains": "whose line range overlaps lines 23–25", "file": "src/prep.py", "lines": [23, 25]},
    {"contains": "gives `function` as `fit`", "file": "src/prep.py", "lines": [22, 26], "function": "fit"},
    {"contains": "overlaps line 40", "file": "src/model.py", "lines": [40, 40]},
]

# measure.py over split seeds 0-9, (mean, sd, min, max); the script's seed 21 separately.
REFERENCE = {
    "buggy (caps at Q1/Q3, features and target)": {
        "test_mae_usd": (23106, 2065, 18432, 26352), "test_r2": (0.499, 0.034, 0.459, 0.558),
        "test_within_10pct": (0.387, 0.027, 0.363, 0.460)},
    "fixed (Tukey fences 1.5 IQR on features, target not capped)": {
        "test_mae_usd": (10013, 451, 9303, 10704), "test_r2": (0.935, 0.005, 0.926, 0.942),
        "test_within_10pct": (0.615, 0.020, 0.583, 0.640)},
    "no winsorizing at all": {"test_mae_usd": (9090, 550, 8282, 9897), "test_r2": (0.942, 0.006, 0.931, 0.949)},
    "1st/99th percentile caps, features and target": {"test_mae_usd": (9520, 720, 8528, 10445), "test_r2": (0.936, 0.008, 0.921, 0.947)},
    "3 IQR fences, features and target": {"test_mae_usd": (9971, 642, 8904, 11051), "test_r2": (0.934, 0.007, 0.917, 0.945)},
    "1.5 IQR fences, features and target": {"test_mae_usd": (11447, 994, 9813, 12617), "test_r2": (0.890, 0.018, 0.873, 0.922)},
    "5th/95th percentile caps, features and target": {"test_mae_usd": (10954, 868, 9530, 11862), "test_r2": (0.906, 0.015, 0.889, 0.935)},
    "Q1/Q3 caps on features only": {"test_mae_usd": (17840, 1158, 16450, 19863), "test_r2": (0.767, 0.029, 0.728, 0.825)},
    "Q1/Q3 caps on target only": {"test_mae_usd": (22333, 1964, 18090, 25634), "test_r2": (0.505, 0.035, 0.463, 0.557)},
    "seed 21 (the script's): mae / r2 / within10": {
        "buggy": (26910, 0.422, 0.387), "fixed": (10883, 0.941, 0.613), "none": (9869, 0.950, 0.643),
        "q01_99": (10138, 0.947, 0.630), "fences3_all": (10499, 0.945, 0.630), "fences1.5_all": (13234, 0.880, 0.587),
        "q05_95_all": (12694, 0.895, 0.567), "quartiles_features_only": (18768, 0.784, 0.407)},
}
VERIFY_EXPECTED = {"bands": {"test_mae_usd": [8500, 11800], "test_r2": [0.925, 0.97], "test_within_10pct": [0.58, 0.70]}}
PROVENANCE = {
    "source": "generated",
    "license": "CC0-1.0",
    "generator": "task.py make_data(), numpy default_rng(2718): 1500 synthetic employees, salary log-linear in "
                 "level (1-6) and experience with department/city/rating/remote multipliers and 7 % noise; "
                 "30 experience values multiplied by 12 (recorded in months)",
}


def make_data(files_dir: Path, seed: int = 2718, n: int = 1500) -> None:
    rng = np.random.default_rng(seed)
    level = rng.choice([1, 2, 3, 4, 5, 6], size=n, p=[0.2, 0.26, 0.24, 0.16, 0.09, 0.05])
    exp_years = np.round(np.clip(2.6 * (level - 1) + rng.gamma(2.0, 1.3, n) - 0.5, 0, 40), 1)
    dept = rng.choice(["engineering", "sales", "operations", "finance", "support"], size=n,
                      p=[0.32, 0.2, 0.2, 0.13, 0.15])
    dept_mult = pd.Series(dept).map({"engineering": 1.12, "sales": 1.02, "operations": 0.92, "finance": 1.05,
                                     "support": 0.82}).to_numpy()
    city = rng.choice(["tier1", "tier2", "tier3"], size=n, p=[0.4, 0.35, 0.25])
    city_mult = pd.Series(city).map({"tier1": 1.22, "tier2": 1.0, "tier3": 0.86}).to_numpy()
    remote = (rng.random(n) < 0.3).astype(int)
    rating = rng.choice([2, 3, 4, 5], size=n, p=[0.1, 0.5, 0.3, 0.1])
    salary = (46000 * np.exp(0.31 * (level - 1)) * (1 + 0.011 * exp_years) * dept_mult * city_mult
              * (1 + 0.03 * (rating - 3)) * (1 - 0.03 * remote) * rng.lognormal(0, 0.07, n))
    salary = np.round(salary, -2)
    df = pd.DataFrame({"employee_id": [f"E{10000 + i}" for i in range(n)], "department": dept, "city_tier": city,
                       "level": level, "years_experience": exp_years, "remote": remote, "last_rating": rating,
                       "base_salary": salary.astype(int)})
    months = rng.choice(n, size=30, replace=False)
    df.loc[months, "years_experience"] = np.round(df.loc[months, "years_experience"] * 12, 0)
    (files_dir / "data").mkdir(parents=True, exist_ok=True)
    df.to_csv(files_dir / "data" / "compensation.csv", index=False)


_SOLUTION = Path(__file__).resolve().parent / "solution" / "response" / "revised_code.py"
_CALL = "    caps = Winsorizer(NUMERIC).fit(train)\n"


def _fences_on_target(files: dict[str, str]) -> str:
    """Correct 1.5 IQR fences, but still applied to the salary target."""
    return _SOLUTION.read_text(encoding="utf-8").replace(_CALL, "    caps = Winsorizer(NUMERIC + [TARGET]).fit(train)\n")


def _p5_p95(files: dict[str, str]) -> str:
    """Caps features and target at the 5th/95th percentiles."""
    src = _SOLUTION.read_text(encoding="utf-8").replace(_CALL, "    caps = Winsorizer(NUMERIC + [TARGET]).fit(train)\n")
    old = """        quartiles = frame[self.columns].quantile([0.25, 0.75])
        iqr = quartiles.loc[0.75] - quartiles.loc[0.25]
        self.lower_ = quartiles.loc[0.25] - self.k * iqr
        self.upper_ = quartiles.loc[0.75] + self.k * iqr
"""
    new = """        limits = frame[self.columns].quantile([0.05, 0.95])
        self.lower_ = limits.loc[0.05]
        self.upper_ = limits.loc[0.95]
"""
    assert old in src
    return src.replace(old, new)


def _quartiles_features_only(files: dict[str, str]) -> str:
    """Stops capping the target but keeps the quartile caps on the features."""
    return files["src/model.py"].replace("caps = Winsorizer(NUMERIC + [TARGET]).fit(train)",
                                         "caps = Winsorizer(NUMERIC).fit(train)").replace(
        "sys.path.insert(0, str(Path(__file__).resolve().parent))",
        "sys.path.insert(0, str(Path(__file__).resolve().parents[1] / \"src\"))")


BAD_VARIANTS = {"fences_on_target": _fences_on_target, "p5_p95": _p5_p95,
                "quartiles_features_only": _quartiles_features_only}
