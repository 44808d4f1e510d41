"""Benchmark report for the municipal building energy model."""
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split

from model_zoo import choose_and_report

DATA = Path(__file__).parent / "data" / "buildings.csv"
FEATURES = ["floor_area_m2", "year_built", "n_floors", "glazing_ratio", "hdd", "occupancy_h_wk", "has_heat_pump"]


def main() -> None:
    df = pd.read_csv(DATA)
    df["log_area"] = np.log(df["floor_area_m2"])
    cols = FEATURES + ["log_area"]
    y = np.log(df["annual_kwh"])

    X_train, X_test, y_train, y_test = train_test_split(df[cols], y, test_size=0.2, random_state=3)
    name, model, r2 = choose_and_report(X_train, y_train, X_test, y_test)

    print(f"selected model: {name}")
    print(f"reported hold-out R2 (log kWh): {r2:.3f}")


if __name__ == "__main__":
    main()
