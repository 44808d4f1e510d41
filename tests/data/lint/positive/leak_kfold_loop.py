# expect: DATA_LEAKAGE fit-outside-cv
import numpy as np
from sklearn.preprocessing import StandardScaler
from sklearn.model_selection import KFold
from sklearn.linear_model import Ridge
X = np.load("x.npy"); y = np.load("y.npy")
X_scaled = StandardScaler().fit_transform(X)
scores = []
for tr, te in KFold(5).split(X_scaled):
    m = Ridge().fit(X_scaled[tr], y[tr])
    scores.append(m.score(X_scaled[te], y[te]))
print(np.mean(scores))
