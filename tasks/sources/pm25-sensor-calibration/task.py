"""Task definition for pm25-sensor-calibration (NONE: a robust loss handles the reference spikes)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

ERROR_TYPE = "NONE"
BUG_LOCATIONS: list = []
LOCATION_CHECKS: list = []
METRIC_LINE = r"(?m)^test_median_ae:\s*[0-9.]+"
DIFFICULTY = "medium"
ENTRYPOINT = "python calibrate.py"
PROVENANCE = {
    "source": "generated",
    "license": "CC0-1.0",
    "generator": "task.py make_data(): numpy default_rng(4242); 90 days of hourly co-located readings: a latent "
                 "PM2.5 series (AR(1) on the log scale with a diurnal cycle), a low-cost optical sensor that "
                 "over-reads with humidity, and a reference monitor with ~2.5 % spikes",
}
N_HOURS = 90 * 24


def generate(files_dir: Path, seed: int = 4242) -> None:
    rng = np.random.default_rng(seed)
    t = np.arange(N_HOURS)
    hour = t % 24
    latent = np.zeros(N_HOURS)
    for i in range(1, N_HOURS):
        latent[i] = 0.96 * latent[i - 1] + rng.normal(0, 0.12)
    diurnal = 0.25 * np.cos(2 * np.pi * (hour - 8) / 24) + 0.15 * np.cos(2 * np.pi * (hour - 20) / 12)
    true_pm = 14.0 * np.exp(latent + diurnal)
    rh = np.clip(62 + 18 * np.cos(2 * np.pi * (hour - 5) / 24) + np.cumsum(rng.normal(0, 1.2, N_HOURS)) * 0.15
                 + rng.normal(0, 4, N_HOURS), 18, 99)
    temp = 17 - 6 * np.cos(2 * np.pi * (hour - 5) / 24) + rng.normal(0, 1.5, N_HOURS) - 0.08 * (rh - 60)
    growth = 1 + 0.9 * (rh / 100) ** 3
    raw = 1.35 * true_pm * growth * rng.lognormal(0, 0.1, N_HOURS) + rng.normal(0, 1.5, N_HOURS) + 0.05 * (temp - 17)
    reference = true_pm + rng.normal(0, 2.0, N_HOURS)
    spikes = rng.random(N_HOURS) < 0.025
    reference[spikes] += rng.uniform(120, 600, spikes.sum())
    df = pd.DataFrame({
        "timestamp": pd.date_range("2024-03-01", periods=N_HOURS, freq="h").strftime("%Y-%m-%d %H:%M"),
        "sensor_pm25_raw": raw.round(1),
        "rh_pct": rh.round(1),
        "temp_c": temp.round(1),
        "reference_pm25": reference.round(1),
    })
    (files_dir / "data").mkdir(parents=True, exist_ok=True)
    df.to_csv(files_dir / "data" / "colocation_hourly.csv", index=False)


def make_data(files_dir: Path) -> None:
    generate(files_dir)


def _ols(files: dict[str, str]) -> str:
    src = files["calibrate.py"]
    old = "HuberRegressor(epsilon=1.35, alpha=1e-4, max_iter=500)"
    assert old in src
    src = src.replace(old, "LinearRegression()").replace("import HuberRegressor", "import LinearRegression")
    return src.replace('    print(f"  outliers flagged in calibration data: {int(huber.outliers_.sum())}")\n', "")


def _drop_spikes(files: dict[str, str]) -> str:
    src = files["calibrate.py"]
    old = '    df = df.dropna().sort_values("timestamp").reset_index(drop=True)\n'
    new = ('    df = df.dropna().sort_values("timestamp").reset_index(drop=True)\n'
           '    q1, q3 = df["reference_pm25"].quantile([0.25, 0.75])\n'
           '    df = df[df["reference_pm25"] <= q3 + 3 * (q3 - q1)].reset_index(drop=True)\n')
    assert old in src
    return src.replace(old, new)


def _clip_reference(files: dict[str, str]) -> str:
    src = files["calibrate.py"]
    old = '    df = df.dropna().sort_values("timestamp").reset_index(drop=True)\n'
    new = ('    df = df.dropna().sort_values("timestamp").reset_index(drop=True)\n'
           '    df["reference_pm25"] = df["reference_pm25"].clip(upper=df["reference_pm25"].quantile(0.97))\n')
    assert old in src
    return src.replace(old, new)


ANCHORS = [
    ("calibrate.py", 22, "def load(path):"),
    ("calibrate.py", 25, "return df"),
    ("calibrate.py", 38, "def split(df, days):"),
    ("calibrate.py", 40, "return df[df[\"timestamp\"] < cutoff]"),
    ("calibrate.py", 43, "def fit_calibration(X, y):"),
    ("calibrate.py", 44, "HuberRegressor(epsilon=1.35"),
    ("calibrate.py", 46, "return model"),
]
BAD_VARIANTS = {
    "ols_instead_of_huber": _ols,
    "drop_spikes_before_split": _drop_spikes,
    "clip_reference_p97": _clip_reference,
}
# Original on the shipped data: train_median_ae 1.872, test_median_ae 2.001, test_within_tol 0.878,
# test_mae 17.291, test_bias -0.078 (deterministic). Bands leave room only for harmless rewrites.
VERIFY_EXPECTED = {
    "bands": {
        "train_median_ae": [1.84, 1.90],
        "test_median_ae": [1.97, 2.03],
        "test_within_tol": [0.870, 0.886],
        "test_mae": [17.0, 17.6],
        "test_bias": [-0.13, -0.03],
    },
    "run_timeout": 120,
}

# measure.py: 10 data seeds (generate(seed=1000+i)); mean (sd) and the would-be "fixes" as differences
# from the original on the same data.
REFERENCE = {
    "original": {"train_median_ae": "1.844 (0.076)", "test_median_ae": "1.910 (0.100)",
                 "test_within_tol": "0.906 (0.010)", "test_mae": "10.928 (1.394)", "test_bias": "0.048 (0.192)"},
    "ols_instead_of_huber": {"test_median_ae": "8.872 (diff +6.962, sd 2.398)",
                             "test_within_tol": "0.204 (diff -0.701)", "test_bias": "8.596 (diff +8.548)"},
    "drop_spikes_before_split": {"test_mae": "2.192 (diff -8.736, sd 1.412)",
                                 "test_within_tol": "0.927 (diff +0.022, sd 0.005)",
                                 "test_median_ae": "1.830 (diff -0.080, sd 0.034)"},
    "clip_reference_p97": {"test_mae": "2.958 (diff -7.970, sd 1.184)", "test_median_ae": "diff -0.016 (sd 0.026)"},
    "shipped data": {"train_median_ae": 1.872, "test_median_ae": 2.001, "test_within_tol": 0.878,
                     "test_mae": 17.291, "test_bias": -0.078, "ols test_median_ae": 7.128, "ols test_bias": 6.804},
}
