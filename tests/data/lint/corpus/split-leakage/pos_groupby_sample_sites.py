# expect: DATA_LEAKAGE@12
import pandas as pd
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.metrics import mean_absolute_error

yields = pd.read_csv("field_trials.csv")
features = ["n_kg_ha", "p_kg_ha", "rain_mm", "gdd", "soil_ph", "plant_density"]

fit_parts, check_parts = [], []
for site, block in yields.groupby("site"):
    fit_parts.append(block.sample(frac=0.8, random_state=1))
    check_parts.append(block)
fit_df = pd.concat(fit_parts)
check_df = pd.concat(check_parts)

gbr = GradientBoostingRegressor(n_estimators=400, max_depth=4, random_state=1)
gbr.fit(fit_df[features], fit_df["yield_t_ha"])
print("MAE t/ha:", mean_absolute_error(check_df["yield_t_ha"], gbr.predict(check_df[features])))
