# expect: NONE
import numpy as np
from sklearn.linear_model import Ridge

series = np.load("hourly_load.npy").astype(float)
LOOKBACK = 48


def windows(arr: np.ndarray, start: int, stop: int):
    xs, ys = [], []
    for t in range(start, stop):
        xs.append(arr[t - LOOKBACK:t])
        ys.append(arr[t])
    return np.array(xs), np.array(ys)


cut = int(len(series) * 0.8)
X_fit, y_fit = windows(series, LOOKBACK, cut)
# test windows read the 48h before each target; targets start at the cut
X_eval, y_eval = windows(series, cut, len(series))

ridge = Ridge(alpha=10.0).fit(X_fit, y_fit)
mae = np.abs(ridge.predict(X_eval) - y_eval).mean()
print(f"MAE {mae:.1f} MW over {len(y_eval)} hours")
