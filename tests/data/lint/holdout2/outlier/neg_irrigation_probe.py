# expect: NONE
"""Irrigation volume recommender: predict water applied (mm) per block-day.

Capacitance probes report 0.0 when the logger loses power, so zero readings
are treated as missing; the boosting model handles NaN natively.
"""
import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.model_selection import GroupKFold, cross_val_score

FEATURES = ["soil_moisture_pct", "et0_mm", "rain_24h_mm", "canopy_cover_pct", "crop_coeff", "soil_clay_pct"]

blocks = pd.read_csv("irrigation_2023.csv")
blocks["soil_moisture_pct"] = blocks["soil_moisture_pct"].replace(0.0, np.nan)
print("probe dropouts:", round(blocks["soil_moisture_pct"].isna().mean(), 3))

X, y = blocks[FEATURES], blocks["water_applied_mm"]
model = HistGradientBoostingRegressor(
    loss="absolute_error", learning_rate=0.05, max_iter=300, max_leaf_nodes=15, random_state=0
)
mae = -cross_val_score(
    model, X, y, groups=blocks["block_id"], cv=GroupKFold(n_splits=5), scoring="neg_mean_absolute_error"
)
print(f"CV MAE {mae.mean():.2f} mm (+/- {mae.std():.2f})")
model.fit(X, y)
