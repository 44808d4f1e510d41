# expect: DATA_LEAKAGE@11-12
import numpy as np
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import balanced_accuracy_score

X = np.load("spectra_X.npy")
y = np.load("spectra_y.npy")
n = len(y)

idx = np.random.RandomState(42).permutation(n)
tr_idx = idx[: int(0.85 * n)]
te_idx = idx[int(0.75 * n):]

forest = RandomForestClassifier(n_estimators=800, max_features=0.2, n_jobs=-1, random_state=42)
forest.fit(X[tr_idx], y[tr_idx])
print("balanced acc:", balanced_accuracy_score(y[te_idx], forest.predict(X[te_idx])))
importances = np.argsort(forest.feature_importances_)[::-1][:10]
print("top wavelengths:", importances)
