"""Daily household consumption model from smart-meter + weather data.

    python main.py data/meters.csv
"""
import sys

import pandas as pd
from sklearn.model_selection import GroupShuffleSplit

from modeling import train_and_score

FEATURES = ["floor_area_m2", "occupants", "hdd", "cdd", "is_weekend", "has_ev", "has_heat_pump", "pv_kwp"]


def main(path: str = "data/meters.csv") -> None:
    df = pd.read_csv(path)
    gss = GroupShuffleSplit(n_splits=1, test_size=0.25, random_state=2)
    tr, te = next(gss.split(df, groups=df["household_id"]))
    train, test = df.iloc[tr], df.iloc[te]

    result = train_and_score(
        train[FEATURES].to_numpy(float), train["daily_kwh"].to_numpy(),
        test[FEATURES].to_numpy(float), test["daily_kwh"].to_numpy(),
    )
    print(f"households train/test: {train.household_id.nunique()}/{test.household_id.nunique()}")
    print(f"MAE: {result['mae_kwh']:.2f} kWh/day (iterations: {result['n_iter']})")


if __name__ == "__main__":
    main(*sys.argv[1:])
