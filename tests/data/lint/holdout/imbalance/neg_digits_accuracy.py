# expect: NONE
import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

digits = load_digits()
X, y = digits.data, digits.target
print("class counts:", np.bincount(y))  # ~180 images per digit

configs = {
    "rbf_C1": dict(kernel="rbf", C=1.0, gamma="scale"),
    "rbf_C10": dict(kernel="rbf", C=10.0, gamma="scale"),
    "poly3": dict(kernel="poly", degree=3, C=1.0),
}

cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=12)
results = {}
for name, params in configs.items():
    clf = make_pipeline(StandardScaler(), SVC(**params))
    scores = cross_val_score(clf, X, y, cv=cv, scoring="accuracy")
    results[name] = scores
    print(f"{name:>8}: {scores.mean():.4f} +/- {scores.std():.4f}")

best = max(results, key=lambda k: np.mean(results[k]))
print("best configuration:", best, configs[best])
