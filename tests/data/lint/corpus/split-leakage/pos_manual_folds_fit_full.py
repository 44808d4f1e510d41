# expect: DATA_LEAKAGE@17
import numpy as np
from sklearn.datasets import fetch_california_housing
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.metrics import r2_score

X, y = fetch_california_housing(return_X_y=True)
n = len(y)
fold_id = np.arange(n) % 5
np.random.default_rng(1).shuffle(fold_id)

r2s = []
for k in range(5):
    te = fold_id == k
    tr = ~te
    gbr = GradientBoostingRegressor(n_estimators=200, max_depth=4, random_state=k)
    gbr.fit(X, y)
    r2s.append(r2_score(y[te], gbr.predict(X[te])))
print("R2 per fold:", np.round(r2s, 3), "mean", np.mean(r2s))
print("train rows per fold:", int(tr.sum()))
