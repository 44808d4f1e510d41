# expect: DATA_LEAKAGE@38
# %% [markdown]
# # Maize yield from remote sensing + soil survey
# Plot-level data from the 2022 and 2023 trial network.

# %%
import pandas as pd
from sklearn.ensemble import RandomForestRegressor
from sklearn.model_selection import GridSearchCV, KFold

# %%
plots = pd.read_csv("trial_plots.csv")
features = [
    "ndvi_v6", "ndvi_v12", "ndvi_r1", "soil_om_pct", "soil_ph", "clay_pct",
    "n_rate_kg_ha", "plant_density", "rain_jun_aug_mm", "gdd_since_planting",
]
X, y = plots[features], plots["yield_t_ha"]
print(X.shape)

# %%
param_grid = {
    "n_estimators": [300, 600],
    "max_depth": [6, 10, None],
    "min_samples_leaf": [1, 3, 5],
    "max_features": [0.33, 0.66, 1.0],
}
search = GridSearchCV(
    RandomForestRegressor(random_state=0, n_jobs=-1),
    param_grid,
    cv=KFold(n_splits=5, shuffle=True, random_state=0),
    scoring="r2",
    n_jobs=-1,
)
search.fit(X, y)

# %%
print("best params:", search.best_params_)
print(f"Expected R2 on new plots: {search.best_score_:.3f}")

# %%
best = search.best_estimator_
pd.Series(best.feature_importances_, index=features).sort_values().plot.barh()
