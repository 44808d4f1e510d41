# expect: DATA_LEAKAGE@19
import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

fx = pd.read_csv("eurusd_5min.csv", parse_dates=["time"]).sort_values("time")
fx["r"] = np.log(fx["close"]).diff()
for k in range(1, 13):
    fx[f"r_lag{k}"] = fx["r"].shift(k)
fx["rv_1h"] = fx["r"].rolling(12).std().shift(1)
fx["label"] = (fx["r"].shift(-1) > 0).astype(int)
fx = fx.dropna()

cols = [f"r_lag{k}" for k in range(1, 13)] + ["rv_1h"]
pipe = make_pipeline(StandardScaler(), LogisticRegression(C=0.5, max_iter=2000))
skf = StratifiedKFold(n_splits=10, shuffle=True, random_state=0)
acc = cross_val_score(pipe, fx[cols], fx["label"], cv=skf, scoring="accuracy")
print(f"hit rate {acc.mean():.3%}")
