# expect: NONE
import numpy as np
import pandas as pd
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.model_selection import GroupKFold
from sklearn.metrics import mean_absolute_error

yields = pd.read_csv("field_trials.csv")
features = ["n_kg_ha", "p_kg_ha", "rain_mm", "gdd", "soil_ph", "plant_density"]
X, y, sites = yields[features], yields["yield_t_ha"], yields["site"]

maes = []
for tr, te in GroupKFold(n_splits=5).split(X, y, groups=sites):
    gbr = GradientBoostingRegressor(n_estimators=400, max_depth=4, random_state=1)
    gbr.fit(X.iloc[tr], y.iloc[tr])
    maes.append(mean_absolute_error(y.iloc[te], gbr.predict(X.iloc[te])))
    print("held-out sites:", sorted(sites.iloc[te].unique())[:5], "...")
print("leave-sites-out MAE:", np.mean(maes))
