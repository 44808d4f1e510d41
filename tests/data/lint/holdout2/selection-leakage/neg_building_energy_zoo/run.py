# expect: NONE
"""Benchmark report for the municipal building energy model."""
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import r2_score
from sklearn.model_selection import train_test_split

from model_zoo import choose_on_validation

DATA = Path(__file__).parent / "data" / "buildings.csv"
FEATURES = ["floor_area_m2", "year_built", "n_floors", "glazing_ratio", "hdd", "occupancy_h_wk", "has_heat_pump"]


def main() -> None:
    df = pd.read_csv(DATA)
    df["log_area"] = np.log(df["floor_area_m2"])
    cols = FEATURES + ["log_area"]
    y = np.log(df["annual_kwh"])

    X_train, X_test, y_train, y_test = train_test_split(df[cols], y, test_size=0.2, random_state=3)
    X_fit, X_val, y_fit, y_val = train_test_split(X_train, y_train, test_size=0.25, random_state=4)
    name, model = choose_on_validation(X_fit, y_fit, X_val, y_val)

    model.fit(X_train, y_train)
    print(f"selected model: {name}")
    print(f"test R2 (log kWh), evaluated once: {r2_score(y_test, model.predict(X_test)):.3f}")


if __name__ == "__main__":
    main()
