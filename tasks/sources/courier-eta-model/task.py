"""Task: courier-eta-model (UNDERFITTING). See ../README.md and ../build.py."""

from pathlib import Path

import numpy as np
import pandas as pd

ERROR_TYPE = "UNDERFITTING"
DIFFICULTY = "medium"
ENTRYPOINT = "python src/eta_model.py"
METRIC_LINE = r"(?m)^test_mae:\s*[0-9.]+"

BUG_LOCATIONS = [{"file": "src/eta_model.py", "lines": [53, 54], "function": "make_regressor"}]
ANCHORS = [
    ("src/eta_model.py", 50, "def make_regressor("),
    ("src/eta_model.py", 53, "n_estimators=10,"),
    ("src/eta_model.py", 54, "learning_rate=0.05,"),
]
LOCATION_CHECKS = [
    {"contains": "overlaps lines 53–54", "file": "src/eta_model.py", "lines": [53, 54], "function": None},
]

PROVENANCE = {
    "source": "synthetic: simulated food-delivery orders (distance, kitchen prep time, items, hour, rain, vehicle, delivery minutes)",
    "license": "CC0 (generated for this task)",
    "generator": "task.py make_data, numpy default_rng(3): travel time = distance / vehicle speed slowed at lunch and dinner rush and by rain (not for cars), plus prep time scaled by order size, Gaussian noise (sd 2.5 min); 4 % cancelled orders without a delivery time",
}

# measure.py, 12 split seeds (0..11), mean ± sd [min, max]
REFERENCE = {
    "original (10 trees, learning_rate 0.05)": {"train_r2": "0.410 ± 0.004 [0.401, 0.417]",
                                                "test_r2": "0.381 ± 0.028 [0.342, 0.431]",
                                                "test_mae": "8.241 ± 0.359 [7.790, 8.970]"},
    "fixed (300 trees, learning_rate 0.05)": {"train_r2": "0.971 ± 0.002 [0.968, 0.974]",
                                              "test_r2": "0.936 ± 0.008 [0.925, 0.948]",
                                              "test_mae": "2.666 ± 0.133 [2.450, 2.970]"},
    "bad: 30_trees": {"train_r2": "0.714 ± 0.007", "test_r2": "0.674 ± 0.019 [0.646, 0.713]",
                      "test_mae": "5.761 ± 0.256"},
    # prototype, seeds 0..7: 12 trees at learning_rate 0.1 -> test R2 0.68; 100 trees at 0.1 -> 0.925
}

# Cancelled orders have no delivery time: shuffle the features only, so the target stays paired with its status.
INTEGRITY = {"null_columns": ["placed_at", "vehicle", "distance_km", "prep_time_min", "n_items", "rain_mm"]}

VERIFY_EXPECTED = {
    "bands": {"train_r2": [0.90, 1.0], "test_r2": [0.88, 1.0], "test_mae": [0.0, 3.6]},
}

N_ROWS = 1450


def make_data(files_dir: Path) -> None:
    rng = np.random.default_rng(3)
    n = N_ROWS
    dist = rng.gamma(2.2, 1.6, n).clip(0.3, 15)
    hour = rng.choice(np.arange(10, 24), n, p=np.array([2, 4, 8, 8, 4, 3, 3, 4, 8, 9, 8, 5, 3, 2], float) / 71)
    minute = rng.integers(0, 60, n)
    day = rng.integers(0, 91, n)
    prep = rng.gamma(4, 3, n).clip(3, 45)
    rain = np.where(rng.random(n) < 0.25, rng.gamma(1.5, 2.0, n), 0.0)
    items = rng.integers(1, 9, n)
    veh = rng.choice(["bike", "scooter", "car"], n, p=[0.35, 0.45, 0.2])
    speed = np.select([veh == "bike", veh == "scooter"], [14, 22], 26)
    rush = np.exp(-((hour - 12.5) / 1.2) ** 2) + 1.3 * np.exp(-((hour - 19) / 1.3) ** 2)
    speed_eff = speed / (1 + 0.6 * rush) / (1 + 0.06 * rain * (veh != "car"))
    t = prep * (1 + 0.03 * items) + 60 * dist / speed_eff + 4 + 3 * (dist > 6) * rush + rng.normal(0, 2.5, n)
    placed = (pd.Timestamp("2024-01-01") + pd.to_timedelta(day, unit="D") + pd.to_timedelta(hour, unit="h")
              + pd.to_timedelta(minute, unit="min"))
    cancelled = rng.random(n) < 0.04
    df = pd.DataFrame({
        "placed_at": placed.strftime("%Y-%m-%d %H:%M"),
        "status": np.where(cancelled, "cancelled", "delivered"),
        "vehicle": veh,
        "distance_km": dist.round(2),
        "prep_time_min": prep.round(1),
        "n_items": items,
        "rain_mm": rain.round(1),
        "delivery_min": np.where(cancelled, np.nan, t.round(1)),
    })
    df = df.sort_values("placed_at", kind="stable").reset_index(drop=True)
    df.insert(0, "order_id", [f"O{100000 + i}" for i in range(n)])
    (files_dir / "data").mkdir(parents=True, exist_ok=True)
    df.to_csv(files_dir / "data" / "orders.csv", index=False)


def _original(files: dict) -> str:
    return files["src/eta_model.py"]


BAD_VARIANTS = {
    # three times the trees at the same tiny step: still far from converged
    "30_trees": lambda f: _original(f).replace("n_estimators=10,", "n_estimators=30,"),
    # a doubled step with the same 10 trees
    "double_learning_rate": lambda f: _original(f).replace("learning_rate=0.05,", "learning_rate=0.1,"),
    # deeper trees do not undo the shrinkage of 10 small steps
    "deeper_trees": lambda f: _original(f).replace("max_depth=3,", "max_depth=8,"),
}
