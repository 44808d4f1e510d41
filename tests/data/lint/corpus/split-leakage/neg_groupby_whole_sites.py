# expect: NONE
import numpy as np
import pandas as pd
from sklearn.ensemble import ExtraTreesRegressor
from sklearn.metrics import mean_absolute_error

yields = pd.read_csv("field_trials.csv")
features = ["n_kg_ha", "p_kg_ha", "rain_mm", "gdd", "soil_ph", "plant_density"]

rng = np.random.default_rng(4)
site_names = yields["site"].unique()
held_sites = set(rng.choice(site_names, size=len(site_names) // 5, replace=False))

fit_parts, check_parts = [], []
for site, block in yields.groupby("site"):
    (check_parts if site in held_sites else fit_parts).append(block)
fit_df, check_df = pd.concat(fit_parts), pd.concat(check_parts)

et = ExtraTreesRegressor(n_estimators=400, min_samples_leaf=3, random_state=1)
et.fit(fit_df[features], fit_df["yield_t_ha"])
print("MAE on unseen sites:", mean_absolute_error(check_df["yield_t_ha"], et.predict(check_df[features])))
