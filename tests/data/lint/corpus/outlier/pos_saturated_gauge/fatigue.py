# expect: OUTLIER@11
from pathlib import Path

import pandas as pd
from sklearn.linear_model import RidgeCV
from sklearn.model_selection import GroupKFold, cross_val_predict
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

ROOT = Path(__file__).resolve().parent
log = pd.read_csv(ROOT / "data" / "gauge_log.csv")

X = log[["strain_ue", "accel_g", "temp_c"]]
y = log["cycles_to_crack"]

model = make_pipeline(StandardScaler(), RidgeCV(alphas=[0.1, 1.0, 10.0]))
oof = cross_val_predict(model, X, y, cv=GroupKFold(n_splits=5), groups=log["gauge_id"])
print("out-of-fold MAE (cycles):", (oof - y).abs().mean().round(1))
