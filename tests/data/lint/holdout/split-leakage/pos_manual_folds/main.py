import numpy as np
import pandas as pd
from sklearn.ensemble import RandomForestRegressor
from sklearn.metrics import mean_absolute_error

from cv_tools import cross_validate, summarize

df = pd.read_csv("concrete.csv")
df.columns = [c.strip().lower().replace(" ", "_") for c in df.columns]
df["water_cement_ratio"] = df["water"] / df["cement"]
df["binder"] = df["cement"] + df["blast_furnace_slag"] + df["fly_ash"]

target = "compressive_strength"
X = df.drop(columns=[target]).to_numpy(dtype=float)
y = df[target].to_numpy(dtype=float)


def make_rf():
    return RandomForestRegressor(n_estimators=300, min_samples_leaf=2, n_jobs=-1, random_state=3)


scores = cross_validate(make_rf, X, y, mean_absolute_error, n_folds=5, seed=42)
print(summarize(scores, "MAE"))

for seed in (1, 2, 3):
    s = cross_validate(make_rf, X, y, mean_absolute_error, n_folds=5, seed=seed)
    print(f"seed={seed}", summarize(s, "MAE"))

final = make_rf().fit(X, y)
np.save("rf_importances.npy", final.feature_importances_)
