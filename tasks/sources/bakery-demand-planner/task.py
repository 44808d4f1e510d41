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
            level[t] = 0.93 * level[t - 1] + rng.normal(0, 0.06)
        promo = np.zeros(N_DAYS, dtype=int)
        for start in rng.choice(N_DAYS - 5, size=N_DAYS // 25, replace=False):
            promo[start:start + rng.integers(2, 5)] = 1
        mean = base * weekly * yearly * np.exp(level) * (1 + 0.28 * promo)
        units = rng.poisson(mean * rng.gamma(40, 1 / 40, N_DAYS))
        rows.append(pd.DataFrame({"date": dates.strftime("%Y-%m-%d"), "store_id": s + 1,
                                  "promo": promo, "units_sold": units}))
    df = pd.concat(rows).sort_values(["date", "store_id"])
    (files_dir / "data").mkdir(parents=True, exist_ok=True)
    df.to_csv(files_dir / "data" / "daily_sales.csv", index=False)


def make_data(files_dir: Path) -> None:
    generate(files_dir)


ANCHORS: list = []
BAD_VARIANTS: dict = {}
VERIFY_EXPECTED: dict = {"bands": {}}
REFERENCE: dict = {}
