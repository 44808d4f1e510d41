# expect: OVERFITTING@23
"""Tomato greenhouse trial: yield response to light, CO2 and nutrient settings.

One row per compartment-cycle from the 2023 trial (small, expensive data).
"""
from pathlib import Path

import pandas as pd
from sklearn.metrics import mean_absolute_error, r2_score
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeRegressor, export_text

TRIAL = Path(__file__).parent / "data" / "greenhouse_trial.csv"
FACTORS = ["light_hours", "co2_ppm", "nutrient_ec", "day_temp_c", "night_temp_c", "plant_density_m2"]


def main() -> None:
    trial = pd.read_csv(TRIAL)
    print(f"{len(trial)} compartment-cycles")
    X, y = trial[FACTORS], trial["yield_kg_m2"]
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=4)

    tree = DecisionTreeRegressor(random_state=4)
    tree.fit(X_train, y_train)
    pred = tree.predict(X_test)

    print(f"test MAE {mean_absolute_error(y_test, pred):.2f} kg/m2, R2 {r2_score(y_test, pred):.3f}")
    print(f"tree depth {tree.get_depth()}, leaves {tree.get_n_leaves()}")
    print(export_text(tree, feature_names=FACTORS))


if __name__ == "__main__":
    main()
