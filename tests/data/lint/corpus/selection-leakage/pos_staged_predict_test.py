# expect: DATA_LEAKAGE@14-15
import numpy as np
from sklearn.datasets import fetch_covtype
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.model_selection import train_test_split

cov = fetch_covtype()
X, y = cov.data[:40000], cov.target[:40000]
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, random_state=0, stratify=y)

gb = GradientBoostingClassifier(n_estimators=600, learning_rate=0.1, max_depth=4, random_state=0)
gb.fit(X_tr, y_tr)

staged = [np.mean(p == y_te) for p in gb.staged_predict(X_te)]
n_best = int(np.argmax(staged)) + 1
print(f"best number of trees: {n_best}")
print(f"test accuracy: {staged[n_best - 1]:.4f}")
