# expect: IMBALANCE@27
import numpy as np
from sklearn.datasets import make_classification
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.model_selection import StratifiedKFold, cross_val_score

X, y = make_classification(
    n_samples=6000,
    n_features=20,
    n_informative=6,
    n_redundant=4,
    weights=[0.97, 0.03],
    flip_y=0.005,
    random_state=12,
)

configs = {
    "shallow": dict(n_estimators=200, max_depth=2, learning_rate=0.1),
    "medium": dict(n_estimators=300, max_depth=3, learning_rate=0.05),
    "deep": dict(n_estimators=300, max_depth=5, learning_rate=0.05, subsample=0.8),
}

cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=12)
results = {}
for name, params in configs.items():
    gbc = GradientBoostingClassifier(random_state=12, **params)
    scores = cross_val_score(gbc, X, y, cv=cv, scoring="accuracy")
    results[name] = scores
    print(f"{name:>8}: {scores.mean():.4f} +/- {scores.std():.4f}")

best = max(results, key=lambda k: np.mean(results[k]))
print("best configuration:", best, configs[best])
