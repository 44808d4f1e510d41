# expect: DATA_LEAKAGE@37-38
"""Field-level wheat yield model from the co-op agronomy survey.

    python yield_model.py --split-year 2016 --data survey.csv
"""
import argparse

import numpy as np
import pandas as pd
from lightgbm import LGBMRegressor
from sklearn.metrics import mean_absolute_error


def load(path: str) -> pd.DataFrame:
    df = pd.read_csv(path)
    df = df.sort_values(["field_id", "year"]).reset_index(drop=True)
    g = df.groupby("field_id")
    df["yield_prev"] = g["yield_t_ha"].shift(1)
    df["yield_prev2"] = g["yield_t_ha"].shift(2)
    df["n_rate_prev"] = g["n_applied_kg_ha"].shift(1)
    df["rain_anomaly"] = df["rain_mm"] - g["rain_mm"].transform(lambda s: s.shift(1).expanding().mean())
    return df.dropna().reset_index(drop=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="survey.csv")
    ap.add_argument("--split-year", type=int, default=2016)
    args = ap.parse_args()

    df = load(args.data)
    features = [
        "yield_prev", "yield_prev2", "n_rate_prev", "n_applied_kg_ha",
        "rain_mm", "rain_anomaly", "gdd", "soil_om_pct", "sowing_doy",
    ]

    train = df[df["year"] >= args.split_year]
    test = df[df["year"] < args.split_year]

    model = LGBMRegressor(n_estimators=500, learning_rate=0.03, num_leaves=15, min_child_samples=20)
    model.fit(train[features], train["yield_t_ha"])
    pred = model.predict(test[features])

    mae = mean_absolute_error(test["yield_t_ha"], pred)
    naive = mean_absolute_error(test["yield_t_ha"], test["yield_prev"])
    print(f"years train: {sorted(train.year.unique())}")
    print(f"years test : {sorted(test.year.unique())}")
    print(f"MAE model {mae:.3f} t/ha vs persistence {naive:.3f} t/ha")
    print("skill:", np.round(1 - mae / naive, 3))


if __name__ == "__main__":
    main()
