"""Task definition for bakery-demand-planner (NONE: a correct time-ordered forecasting pipeline)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

ERROR_TYPE = "NONE"
BUG_LOCATIONS: list = []
LOCATION_CHECKS: list = []
METRIC_LINE = r"(?m)^test_mae:\s*[0-9.]+"
DIFFICULTY = "hard"
ENTRYPOINT = "python src/train.py"
PROVENANCE = {
    "source": "generated",
    "license": "CC0-1.0",
    "generator": "task.py make_data(): numpy default_rng(31337); 10 stores x 640 days of unit sales with a "
                 "per-store persistent demand level (AR(1) on the log scale), weekly and yearly seasonality, "
                 "scheduled promotions and holidays",
}
N_STORES = 10
N_DAYS = 640


def generate(files_dir: Path, seed: int = 31337) -> None:
    rng = np.random.default_rng(seed)
    dates = pd.date_range("2023-01-02", periods=N_DAYS, freq="D")
    dow = dates.dayofweek.to_numpy()
    doy = dates.dayofyear.to_numpy()
    weekly = np.array([0.85, 0.9, 0.92, 0.97, 1.12, 1.38, 1.05])[dow]
    yearly = 1 + 0.12 * np.sin(2 * np.pi * (doy - 80) / 365.25)
    rows = []
    for s in range(N_STORES):
        base = rng.uniform(90, 420)
        level = np.zeros(N_DAYS)
        for t in range(1, N_DAYS):
            level[t] = 0.93 * level[t - 1] + rng.normal(0, 0.08)
        promo = np.zeros(N_DAYS, dtype=int)
        for start in rng.choice(N_DAYS - 5, size=N_DAYS // 25, replace=False):
            promo[start:start + rng.integers(2, 5)] = 1
        mean = base * weekly * yearly * np.exp(level) * (1 + 0.28 * promo)
        units = rng.poisson(mean * rng.gamma(120, 1 / 120, N_DAYS))
        rows.append(pd.DataFrame({"date": dates.strftime("%Y-%m-%d"), "store_id": s + 1,
                                  "promo": promo, "units_sold": units}))
    df = pd.concat(rows).sort_values(["date", "store_id"])
    (files_dir / "data").mkdir(parents=True, exist_ok=True)
    df.to_csv(files_dir / "data" / "daily_sales.csv", index=False)


def make_data(files_dir: Path) -> None:
    generate(files_dir)


def _runnable(files: dict[str, str]) -> str:
    """src/train.py; it finds src/data.py from response/ too."""
    return files["src/train.py"]


def _drop_history_features(files: dict[str, str]) -> str:
    src = _runnable(files)
    old = """    + [f"lag_{lag}" for lag in LAGS]
    + [f"mean_{w}d" for w in WINDOWS]
    + ["same_weekday_mean_4w"]
"""
    assert old in src
    return src.replace(old, "")


def _features_after_split(files: dict[str, str]) -> str:
    src = _runnable(files)
    old = """    df = build_features(DATA)
    train, test = split_by_date(df, args.test_days)
"""
    new = """    raw = add_calendar_features(load_sales(DATA))
    raw_train, raw_test = split_by_date(raw, args.test_days)
    train, test = add_history_features(raw_train), add_history_features(raw_test)
"""
    assert old in src
    src = src.replace(old, new)
    return src.replace("from data import LAGS, WINDOWS, build_features",
                       "from data import LAGS, WINDOWS, add_calendar_features, add_history_features, load_sales")


def _random_split(files: dict[str, str]) -> str:
    src = _runnable(files)
    old = """    cutoff = df["date"].max() - pd.Timedelta(days=test_days)
    return df[df["date"] <= cutoff], df[df["date"] > cutoff]
"""
    new = """    test_idx = df.sample(n=test_days * df["store_id"].nunique(), random_state=0).index
    return df.drop(index=test_idx), df.loc[test_idx]
"""
    assert old in src
    return src.replace(old, new)


ANCHORS = [
    ("src/data.py", 27, "def add_history_features"),
    ("src/data.py", 29, 'groupby("store_id"'),
    ("src/data.py", 31, "by_store.shift(lag)"),
    ("src/data.py", 33, "s.shift(1).rolling(w).mean()"),
    ("src/data.py", 37, "dropna()"),
    ("src/train.py", 36, "def split_by_date"),
    ("src/train.py", 38, 'df[df["date"] <= cutoff]'),
    ("src/train.py", 67, "df = build_features(DATA)"),
    ("src/train.py", 68, "split_by_date(df, args.test_days)"),
]
BAD_VARIANTS = {
    "drop_history_features": _drop_history_features,
    "features_after_split": _features_after_split,
    "random_split": _random_split,
}
# Original on the shipped data (seed 0): test rows 840, baseline_mae 80.16, test_mae 49.25,
# test_wape 0.1337, test_r2 0.8315 (deterministic). Bands leave room only for harmless rewrites.
VERIFY_EXPECTED = {
    "bands": {
        "test rows": [840, 840],
        "baseline_mae": [79.9, 80.4],
        "test_mae": [48.8, 49.7],
        "test_wape": [0.1325, 0.1350],
        "test_r2": [0.826, 0.837],
    },
    "run_timeout": 120,
}

# measure.py: 10 data seeds (generate(seed=1000+i)) x model seed i; mean (sd) and the would-be "fixes"
# as differences from the original on the same data.
REFERENCE = {
    "original": {"test rows": 840, "baseline_mae": "61.21 (6.98)", "test_mae": "37.00 (3.81)",
                 "test_wape": "0.1334 (0.0048)", "test_r2": "0.8539 (0.0278)"},
    "drop_history_features": {"test_mae": "99.43 (diff +62.43, sd 17.99)", "test_wape": "0.3563 (diff +0.2229)",
                              "test_r2": "0.1547 (diff -0.6992)"},
    "features_after_split": {"test rows": "560 (the first 28 test days lose their history)",
                             "test_mae": "35.90 (diff -1.10, sd 0.98)", "baseline_mae": "diff -2.63 (sd 1.96)"},
    "random_split": {"test_mae": "35.25 (diff -1.75, sd 2.42)", "test_r2": "diff +0.0068 (sd 0.0192)"},
    "shipped data": {"test rows": 840, "baseline_mae": 80.16, "test_mae": 49.25, "test_wape": 0.1337,
                     "test_r2": 0.8315},
}
