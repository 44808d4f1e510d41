# expect: NONE
# %% [markdown]
# # Maize yield from remote sensing + soil survey (nested CV estimate)

# %%
import numpy as np
import pandas as pd
from sklearn.ensemble import RandomForestRegressor
from sklearn.model_selection import GridSearchCV, KFold, cross_val_score

# %%
plots = pd.read_csv("trial_plots.csv")
features = [
    "ndvi_v6", "ndvi_v12", "ndvi_r1", "soil_om_pct", "soil_ph", "clay_pct",
    "n_rate_kg_ha", "plant_density", "rain_jun_aug_mm", "gdd_since_planting",
]
X, y = plots[features], plots["yield_t_ha"]

# %%
param_grid = {
    "max_depth": [6, 10, None],
    "min_samples_leaf": [1, 3, 5],
    "max_features": [0.33, 0.66, 1.0],
}
inner = KFold(n_splits=4, shuffle=True, random_state=1)
outer = KFold(n_splits=5, shuffle=True, random_state=2)
search = GridSearchCV(
    RandomForestRegressor(n_estimators=400, random_state=0, n_jobs=-1),
    param_grid, cv=inner, scoring="r2",
)
outer_r2 = cross_val_score(search, X, y, cv=outer, scoring="r2")
print(f"nested CV R2: {outer_r2.mean():.3f} +/- {outer_r2.std():.3f}")
print("per outer fold:", np.round(outer_r2, 3))

# %%
search.fit(X, y)
print("params for the deployed model:", search.best_params_)
print(f"(inner CV score of chosen params: {search.best_score_:.3f}, optimistic)")
