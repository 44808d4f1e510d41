"""listing-price-model: the training-row screen is an IsolationForest with
contamination=0.12. The genuine entry errors are <1 % of rows; what the forest
isolates first are the 92 waterfront homes in training (large lots, top views,
4x the median price), a legitimate segment that is also in the test set. With
0.12 it removes all of them (and misses a third of the real errors), so the
model never sees a waterfront sale and prices them like ordinary homes.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

ERROR_TYPE = "OUTLIER"
DIFFICULTY = "hard"
ENTRYPOINT = "python src/valuation.py"
METRIC_LINE = r"(?m)^test_mae_usd:\s*[0-9.]+"

BUG_LOCATIONS = [{"file": "src/valuation.py", "lines": [36, 40], "function": "remove_anomalies"}]
ANCHORS = [
    ("src/valuation.py", 36, "def remove_anomalies(train: pd.DataFrame, seed: int, share: float = 0.12)"),
    ("src/valuation.py", 38, "detector = IsolationForest(n_estimators=200, contamination=share, random_state=seed)"),
    ("src/valuation.py", 40, "return train[flags == 1]"),
    ("src/valuation.py", 62, "clean = remove_anomalies(train, cfg[\"seed\"])"),
]
LOCATION_CHECKS = [
    {"contains": "whose line range overlaps lines 36–40", "file": "src/valuation.py", "lines": [36, 40]},
    {"contains": "gives `function` as `remove_anomalies`", "file": "src/valuation.py", "lines": [36, 40],
     "function": "remove_anomalies"},
]

# measure.py over split seeds 0-9 (the script's seed 11 separately); (mean, sd, min, max).
REFERENCE = {
    "buggy: IsolationForest contamination 0.12": {
        "test_mae_usd": (59837, 3835, 55288, 65630), "test_median_ape": (0.1103, 0.0059, 0.1022, 0.1210),
        "test_r2": (0.414, 0.070, 0.293, 0.540), "waterfront_kept": 0.0, "entry_errors_kept_of_~11": 6.7},
    "fixed: plausibility rules (price >= 10k, living area <= 10k sq ft)": {
        "test_mae_usd": (27418, 1655, 24931, 30030), "test_median_ape": (0.0852, 0.0043, 0.0785, 0.0928),
        "test_r2": (0.936, 0.011, 0.915, 0.948), "waterfront_kept": 1.0, "entry_errors_kept": 0.0},
    "no screen at all": {"test_mae_usd": (34834, 1899, 32008, 38538), "test_median_ape": (0.1004, 0.0043, 0.0928, 0.1073),
                         "test_r2": (0.894, 0.016, 0.859, 0.917)},
    "contamination 0.01": {"test_mae_usd": (35691, 2221, 32126, 39603), "test_median_ape": (0.1038, 0.0040, 0.0969, 0.1106),
                           "waterfront_kept": 0.856, "entry_errors_kept": 10.8},
    "contamination 0.06": {"test_mae_usd": (38884, 3163, 34502, 45144), "waterfront_kept": 0.172},
    "contamination auto": {"test_mae_usd": (58932, 4277, 50924, 67778), "waterfront_kept": 0.0},
    "seed 11 (the script's)": {"buggy": (49414, 0.1103, 0.473), "rules": (23395, 0.0754, 0.947),
                               "median/MAD on log price per sq ft, |z|<=5": (24032, 0.0813, 0.941),
                               "same, |z|<=3.5 (drops 71/92 waterfront)": (26407, 0.0869, 0.924),
                               "no screen": (29324, 0.0966, 0.923), "contamination 0.01": (28864, 0.0908, 0.922),
                               "contamination 0.06": (32121, 0.1003, 0.887), "auto": (52253, 0.1114, 0.374)},
}
VERIFY_EXPECTED = {"bands": {"test_mae_usd": [17000, 27000], "test_median_ape": [0.06, 0.088], "test_r2": [0.93, 0.985]}}
PROVENANCE = {
    "source": "generated",
    "license": "CC0-1.0",
    "generator": "task.py make_data(), numpy default_rng(5150): 1600 synthetic sales, log-linear price model "
                 "with an 8.5 % waterfront segment (larger homes and lots, views 3-4, +0.62 log price); "
                 "8 prices keyed in thousands and 6 living areas with an extra digit",
}


def make_data(files_dir: Path, seed: int = 5150, n: int = 1600) -> None:
    rng = np.random.default_rng(seed)
    water = rng.random(n) < 0.085
    sqft = np.where(water, rng.normal(2900, 700, n), rng.lognormal(np.log(1750), 0.3, n)).clip(600, 7000).round(-1)
    lot = np.where(water, rng.lognormal(np.log(21000), 0.35, n), rng.lognormal(np.log(6500), 0.4, n)).round(-1)
    beds = np.clip(np.round(sqft / 650 + rng.normal(0, 0.7, n)), 1, 7).astype(int)
    baths = np.clip(np.round((sqft / 900 + rng.normal(0, 0.5, n)) * 2) / 2, 1, 6)
    year = np.clip(np.round(rng.normal(1978, 22, n)), 1905, 2023).astype(int)
    cond = rng.choice([1, 2, 3, 4, 5], size=n, p=[0.03, 0.1, 0.5, 0.27, 0.1])
    view = np.where(water, rng.choice([3, 4], size=n, p=[0.4, 0.6]),
                    rng.choice([0, 1, 2, 3], size=n, p=[0.75, 0.13, 0.08, 0.04]))
    dist = np.where(water, rng.uniform(6, 22, n), rng.gamma(2.5, 4.0, n)).round(1)
    garage = np.clip(np.round(sqft / 1200 + rng.normal(0, 0.6, n)), 0, 3).astype(int)
    log_price = (np.log(185) + 0.85 * np.log(sqft) + 0.08 * np.log(lot) + 0.05 * baths
                 - 0.0025 * np.clip(2023 - year, 0, 80) + 0.06 * (cond - 3) + 0.07 * view
                 - 0.018 * dist + 0.04 * garage + 0.62 * water + rng.normal(0, 0.11, n))
    price = np.round(np.exp(log_price), -3)
    month = rng.integers(0, 24, n)
    df = pd.DataFrame({
        "listing_id": [f"L{40000 + i}" for i in range(n)],
        "sale_month": [f"{2022 + m // 12}-{m % 12 + 1:02d}" for m in month],
        "sqft_living": sqft.astype(int), "lot_sqft": lot.astype(int), "bedrooms": beds, "bathrooms": baths,
        "year_built": year, "condition": cond, "view": view, "waterfront": water.astype(int),
        "dist_center_km": dist, "garage_spaces": garage, "sale_price": price.astype(int),
    })
    bad = rng.choice(np.flatnonzero(~water & (sqft >= 1200)), size=14, replace=False)
    df.loc[bad[:8], "sale_price"] = (df.loc[bad[:8], "sale_price"] // 1000).astype(int)
    df.loc[bad[8:], "sqft_living"] = df.loc[bad[8:], "sqft_living"] * 10
    (files_dir / "data").mkdir(parents=True, exist_ok=True)
    df.to_csv(files_dir / "data" / "sales.csv", index=False)


def _set_share(files: dict[str, str], share: str) -> str:
    return files["src/valuation.py"].replace("share: float = 0.12", f"share: float | str = {share}")


def _no_screen(files: dict[str, str]) -> str:
    """Removes the screen: the waterfront homes come back but the entry errors stay in."""
    return files["src/valuation.py"].replace('clean = remove_anomalies(train, cfg["seed"])', "clean = train")


BAD_VARIANTS = {
    "contamination_0.01": lambda files: _set_share(files, "0.01"),
    "contamination_0.06": lambda files: _set_share(files, "0.06"),
    "contamination_auto": lambda files: _set_share(files, '"auto"'),
    "no_screen": _no_screen,
}
