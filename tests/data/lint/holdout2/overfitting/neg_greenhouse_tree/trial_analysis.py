# expect: NONE
"""Tomato greenhouse trial: yield response to light, CO2 and nutrient settings.

One row per compartment-cycle from the 2023 trial (small, expensive data),
so the tree is kept shallow and scored with leave-one-out.
"""
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.model_selection import LeaveOneOut, cross_val_predict
from sklearn.tree import DecisionTreeRegressor, export_text

TRIAL = Path(__file__).parent / "data" / "greenhouse_trial.csv"
FACTORS = ["light_hours", "co2_ppm", "nutrient_ec", "day_temp_c", "night_temp_c", "plant_density_m2"]


def main() -> None:
    trial = pd.read_csv(TRIAL)
    X, y = trial[FACTORS], trial["yield_kg_m2"]

    tree = DecisionTreeRegressor(max_depth=2, min_samples_leaf=5, random_state=4)
    loo_pred = cross_val_predict(tree, X, y, cv=LeaveOneOut())
    mae = np.mean(np.abs(loo_pred - y))
    baseline = np.mean(np.abs(y - y.mean()))
    print(f"{len(trial)} cycles | LOO MAE {mae:.2f} kg/m2 vs mean-only {baseline:.2f}")

    tree.fit(X, y)
    print(export_text(tree, feature_names=FACTORS))


if __name__ == "__main__":
    main()
