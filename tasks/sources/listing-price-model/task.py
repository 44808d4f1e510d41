from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd


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
    bad = rng.choice(np.flatnonzero(~water), size=14, replace=False)
    df.loc[bad[:8], "sale_price"] = (df.loc[bad[:8], "sale_price"] // 1000).astype(int)
    df.loc[bad[8:], "sqft_living"] = df.loc[bad[8:], "sqft_living"] * 10
    (files_dir / "data").mkdir(parents=True, exist_ok=True)
    df.to_csv(files_dir / "data" / "sales.csv", index=False)
