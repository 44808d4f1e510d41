"""chiller-load-forecast: an SVR chiller-load model whose training-set screen
uses a mean/std z-score. The humidity probe returns 6553.5 in ~20 % of the
training hours (a fault period in weeks 4-10); those readings inflate the
column's mean and standard deviation so much that they themselves score below
3 (masking), so the screen removes nothing relevant and the SVR learns from
garbage humidity (and the scaler squeezes the real humidity range to nothing).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

ERROR_TYPE = "OUTLIER"
DIFFICULTY = "medium"
ENTRYPOINT = "python src/forecast.py"
METRIC_LINE = r"(?m)^test_mae_kw:\s*[0-9.]+"

BUG_LOCATIONS = [{"file": "src/forecast.py", "lines": [44, 46], "function": "screen_readings"}]
ANCHORS = [
    ("src/forecast.py", 42, "def screen_readings"),
    ("src/forecast.py", 44, "values = frame[columns]"),
    ("src/forecast.py", 45, "score = (values - values.mean()) / values.std()"),
    ("src/forecast.py", 46, "return frame[(score.abs() <= limit).all(axis=1)]"),
    ("src/forecast.py", 61, "kept = screen_readings(train, SENSORS + [TARGET])"),
]
LOCATION_CHECKS = [
    {"contains": "whose line range overlaps lines 44–46", "file": "src/forecast.py", "lines": [44, 46]},
    {"contains": "gives `function` as `screen_readings`", "file": "src/forecast.py", "lines": [42, 46],
     "function": "screen_readings"},
]

# measure.py, 10 data seeds (7311 = the shipped data, 1-9), chronological split, last 28 days as test.
# (mean, sd, min, max)
REFERENCE = {
    "buggy (mean/std z-score, limit 3)": {"test_mae_kw": (25.25, 1.76, 22.18, 27.59), "test_r2": (0.630, 0.046, 0.562, 0.700),
                                          "kept_of_1568": 1564.3},
    "fixed (median/MAD score, limit 3)": {"test_mae_kw": (8.10, 0.59, 7.38, 9.62), "test_r2": (0.961, 0.010, 0.931, 0.967),
                                          "kept_of_1568": 1252.3},
    "fixed (humidity range 0-100 + z-score)": {"test_mae_kw": (8.09, 0.62, 7.35, 9.71)},
    "mean/std z-score, limit 2": {"test_mae_kw": (13.92, 8.39, 7.84, 27.41)},
    "RobustScaler in the model, screen unchanged": {"test_mae_kw": (42.03, 2.66, 38.01, 46.21)},
    "no screen at all": {"test_mae_kw": (25.25, 1.75, 22.16, 27.53)},
    "shipped data": {"buggy_test_mae_kw": 23.09, "fixed_test_mae_kw": 9.62, "buggy_r2": 0.636, "fixed_r2": 0.931},
    "shipped data, 40 % of training hours faulty (verify stress copy)": {
        "median/MAD": 9.78, "range check": 9.72, "NaN + median impute": 10.42, "z limit 2": 22.65, "z limit 1.5": 23.85,
        "buggy": 23.39},
}
VERIFY_EXPECTED = {
    "bands": {"test_mae_kw": [6.5, 12.5], "test_r2": [0.90, 0.99]},
    "stress": {"data_file": "data/plant_log.csv", "column": "rel_humidity_pct", "value": "6553.5", "share": 0.25,
               "train_fraction": 0.8, "seed": 1, "metric": "test_mae_kw", "max": 12.5},
}
PROVENANCE = {
    "source": "generated",
    "license": "CC0-1.0",
    "generator": "task.py make_data(), numpy default_rng(7311): 140 days x 14 operating hours of synthetic "
                 "weather/solar/occupancy and a chiller load with sensible + latent (humidity x temperature) "
                 "terms; humidity reads 6553.5 in 45 % of the hours of weeks 4-10",
}

def make_data(files_dir: Path, seed: int = 7311) -> None:
    rng = np.random.default_rng(seed)
    days = pd.date_range("2024-04-01", periods=140, freq="D")
    ts = pd.DatetimeIndex([d + pd.Timedelta(hours=h) for d in days for h in range(7, 21)])
    n = len(ts)
    doy = ts.dayofyear.to_numpy()
    hour = ts.hour.to_numpy()
    weekday = ts.day_of_week.to_numpy()
    season = 22 + 7 * np.sin((doy - 110) / 365 * 2 * np.pi)
    daily = 5 * np.sin((hour - 9) / 24 * 2 * np.pi)
    weather = np.convolve(rng.normal(0, 1.0, n + 40), np.ones(40) / 40 ** 0.5, mode="valid")[:n]
    temp = np.round(season + daily + 1.6 * weather + rng.normal(0, 0.8, n), 1)
    hum = np.round(np.clip(62 - 1.2 * (temp - 24) + 10 * np.convolve(rng.normal(0, 1, n + 30), np.ones(30) / 30 ** 0.5,
                                                                      mode="valid")[:n] * 0.4 + rng.normal(0, 4, n), 20, 98), 1)
    solar = np.round(np.clip(780 * np.sin((hour - 6) / 15 * np.pi) * rng.uniform(0.35, 1.0, n), 0, None), 0)
    occ_base = np.where(weekday < 5, 1.0, 0.25)
    occ_shape = np.exp(-((hour - 13) ** 2) / 18)
    occupancy = np.round(np.clip(850 * occ_base * occ_shape * rng.uniform(0.8, 1.1, n), 0, None)).astype(int)
    cooling = np.clip(temp - 16, 0, None)
    latent = np.clip(hum - 45, 0, None) * np.clip(temp - 18, 0, None)
    load = (40 + 9.0 * cooling + 0.42 * latent + 0.05 * solar + 0.09 * occupancy + rng.normal(0, 9, n))
    df = pd.DataFrame({"timestamp": ts.strftime("%Y-%m-%d %H:%M"), "outdoor_temp_c": temp, "rel_humidity_pct": hum,
                       "solar_wm2": solar, "occupancy": occupancy, "chiller_kw": np.round(load, 1)})
    # intermittent sensor fault: weeks 4-10 the humidity probe often returns its raw 0xFFFF register / 10
    start, stop = 7 * 14 * 3, 7 * 14 * 10
    fault = np.zeros(n, bool)
    fault[start:stop] = rng.random(stop - start) < 0.45
    df.loc[fault, "rel_humidity_pct"] = 6553.5
    (files_dir / "data").mkdir(parents=True, exist_ok=True)
    df.to_csv(files_dir / "data" / "plant_log.csv", index=False)


_SOLUTION = Path(__file__).resolve().parent / "solution" / "response" / "revised_code.py"


def _lower_limit(files: dict[str, str]) -> str:
    """Keeps the mean/std score and just tightens the limit to 2."""
    return files["src/forecast.py"].replace("limit: float = 3.0", "limit: float = 2.0")


def _robust_scaler(files: dict[str, str]) -> str:
    """Swaps the model's StandardScaler for a RobustScaler; the faulty hours stay in training."""
    src = files["src/forecast.py"].replace("from sklearn.preprocessing import StandardScaler",
                                           "from sklearn.preprocessing import RobustScaler")
    return src.replace("make_pipeline(StandardScaler(),", "make_pipeline(RobustScaler(),")


def _no_screen(files: dict[str, str]) -> str:
    """Drops the screen entirely."""
    return files["src/forecast.py"].replace("kept = screen_readings(train, SENSORS + [TARGET])", "kept = train")


BAD_VARIANTS = {"z_limit_2": _lower_limit, "robust_scaler": _robust_scaler, "no_screen": _no_screen}
