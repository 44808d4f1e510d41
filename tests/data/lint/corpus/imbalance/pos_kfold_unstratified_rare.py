# expect: IMBALANCE@11
import numpy as np
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score
from sklearn.model_selection import KFold

X, y = make_classification(n_samples=900, n_features=12, weights=[0.98, 0.02], random_state=21)

fold_ap = []
for fit_idx, val_idx in KFold(n_splits=10).split(X):
    clf = LogisticRegression(class_weight="balanced", max_iter=1000)
    clf.fit(X[fit_idx], y[fit_idx])
    fold_ap.append(average_precision_score(y[val_idx], clf.predict_proba(X[val_idx])[:, 1]))

print("AP per fold:", np.round(fold_ap, 3))
print("mean AP:", np.nanmean(fold_ap))
