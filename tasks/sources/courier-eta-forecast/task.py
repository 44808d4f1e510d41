"""courier-eta-forecast: a Ridge ETA model trained on a dispatch export whose
`delivery_minutes` holds the placeholder 999 for orders never scanned as
delivered (4 % of rows). clean_orders() drops missing, zero and negative
values but keeps the placeholder, so the least-squares fit is dragged up by
~40 minutes and the test split is scored partly on placeholder rows.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

ERROR_TYPE = "OUTLIER"
DIFFICULTY = "easy"
ENTRYPOINT = "python src/train.py"
METRIC_LINE = r"(?m)^test_mae:\s*[0-9.]+"

BUG_LOCATIONS = [{"file": "src/data.py", "lines": [22, 22], "function": "clean_orders"}]
ANCHORS = [
    ("src/data.py", 15, 'return pd.read_csv(path, parse_dates=["placed_at"])'),
    ("src/data.py", 18, "def clean_orders"),
    ("src/data.py", 22, 'df = df[(df["distance_km"] > 0) & (df[TARGET] > 0)]'),
    ("src/data.py", 23, "return df.reset_index(drop=True)"),
]
LOCATION_CHECKS = [
    {"contains": "whose line range overlaps lines 15–22", "file": "src/data.py", "lines": [15, 22]},
    {"contains": "gives `function` as `clean_orders`", "file": "src/data.py", "lines": [18, 23],
     "function": "clean_orders"},
]

# Measured with measure.py over split seeds 0-9 (mean, sd, min, max):
REFERENCE = {
    "buggy": {"test_mae": (75.11, 3.95, 69.18, 83.56), "test_within_5min": (0.040, 0.009, 0.025, 0.050)},
    "fixed": {"test_mae": (2.717, 0.139, 2.493, 2.967), "test_within_5min": (0.852, 0.019, 0.819, 0.883)},
    "placeholders dropped from evaluation rows only": {"test_mae": (40.69, 2.70, 36.17, 45.08)},
    "placeholders dropped from training rows only": {"test_mae": (40.28, 6.65, 29.89, 54.07)},
    "HuberRegressor, placeholders kept": {"test_mae": (40.27, 6.65, 29.91, 54.07)},
    "seed 7 (the script's)": {"buggy_test_mae": 83.559, "fixed_test_mae": 2.619},
}
VERIFY_EXPECTED = {"bands": {"test_mae": [2.2, 3.4], "test_within_5min": [0.76, 0.95]}}
PROVENANCE = {
    "source": "generated",
    "license": "CC0-1.0",
    "generator": "task.py make_data(), numpy default_rng(20240611): 1800 synthetic orders, linear ETA with "
                 "rush-hour/rain/zone effects + N(0, 3.5) noise; 4 % of targets set to 999, 9 NaN targets, "
                 "5 zero distances, 12 duplicated rows",
}


def make_data(files_dir: Path, seed: int = 20240611, n: int = 1800) -> None:
    rng = np.random.default_rng(seed)
    zones = np.array(["central", "north", "south", "east", "riverside"])
    zone_eff = {"central": 4.0, "north": 0.0, "south": 1.5, "east": -1.0, "riverside": 2.5}
    zone = rng.choice(zones, size=n, p=[0.3, 0.2, 0.2, 0.15, 0.15])
    distance = np.round(rng.gamma(2.2, 1.6, n) + 0.3, 2)
    items = rng.integers(1, 9, n)
    prep = np.round(rng.normal(12, 4, n).clip(3, 30), 1)
    day = rng.integers(0, 90, n)
    hour = rng.choice(np.arange(10, 24), size=n, p=np.array([2, 4, 9, 9, 5, 4, 4, 6, 10, 11, 10, 7, 5, 3]) / 89)
    minute = rng.integers(0, 60, n)
    rain = (rng.random(n) < 0.18).astype(int)
    trips = rng.integers(0, 900, n)
    rush = ((hour >= 12) & (hour <= 13)) | ((hour >= 18) & (hour <= 20))
    y = (6 + 2.7 * distance + 0.7 * items + 0.85 * prep + 5.0 * rush + 6.5 * rain
         - 0.006 * trips + np.array([zone_eff[z] for z in zone]) + rng.normal(0, 3.5, n))
    y = np.round(y.clip(5, None), 1)
    ts = pd.Timestamp("2024-03-01") + pd.to_timedelta(day * 1440 + hour * 60 + minute, unit="m")
    df = pd.DataFrame({"order_id": [f"O{100000 + i}" for i in range(n)], "placed_at": ts,
                       "zone": zone, "distance_km": distance, "n_items": items, "prep_minutes": prep,
                       "raining": rain, "courier_trips": trips, "delivery_minutes": y})
    idx = rng.choice(n, size=int(0.04 * n), replace=False)
    df.loc[idx, "delivery_minutes"] = 999.0
    idx2 = rng.choice(np.setdiff1d(np.arange(n), idx), size=14, replace=False)
    df.loc[idx2[:9], "delivery_minutes"] = np.nan
    df.loc[idx2[9:], "distance_km"] = 0.0
    dup = df.iloc[rng.choice(n, size=12, replace=False)]
    df = pd.concat([df, dup]).sort_values("placed_at", kind="stable").reset_index(drop=True)
    df["placed_at"] = df["placed_at"].dt.strftime("%Y-%m-%d %H:%M")
    (files_dir / "data").mkdir(parents=True, exist_ok=True)
    df.to_csv(files_dir / "data" / "orders.csv", index=False)


_SOLUTION = Path(__file__).resolve().parent / "solution" / "response" / "revised_code.py"
_FILTER = '(df[TARGET] > 0) & (df[TARGET] != NOT_DELIVERED)]'
_SPLIT = "    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=args.seed)\n"


def _eval_only(files: dict[str, str]) -> str:
    """Keeps the placeholders in training, drops them only from the scored rows."""
    src = _SOLUTION.read_text(encoding="utf-8").replace(_FILTER, "(df[TARGET] > 0)]")
    return src.replace(_SPLIT, _SPLIT + "    keep = y_test != NOT_DELIVERED\n"
                                        "    X_test, y_test = X_test[keep], y_test[keep]\n")


def _train_only(files: dict[str, str]) -> str:
    """Drops the placeholders from the training rows only; the test split still scores them."""
    src = _SOLUTION.read_text(encoding="utf-8").replace(_FILTER, "(df[TARGET] > 0)]")
    return src.replace(_SPLIT, _SPLIT + "    keep = y_train != NOT_DELIVERED\n"
                                        "    X_train, y_train = X_train[keep], y_train[keep]\n")


def _huber(files: dict[str, str]) -> str:
    """A robust loss instead of removing the placeholder rows."""
    src = _SOLUTION.read_text(encoding="utf-8").replace(_FILTER, "(df[TARGET] > 0)]")
    src = src.replace("from sklearn.linear_model import Ridge", "from sklearn.linear_model import HuberRegressor")
    return src.replace('("reg", Ridge(alpha=alpha))', '("reg", HuberRegressor(alpha=alpha, max_iter=500))')


BAD_VARIANTS = {"eval_only": _eval_only, "train_only": _train_only, "huber": _huber}
