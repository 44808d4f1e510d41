# expect: DATA_LEAKAGE@14
import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from sklearn.svm import SVC

digits = load_digits()
X_tr, X_te, y_tr, y_te = train_test_split(digits.data / 16.0, digits.target, test_size=0.25, random_state=0)

results = {}
for C in [0.1, 0.3, 1, 3, 10, 30, 100]:
    for gamma in [0.001, 0.01, 0.1]:
        clf = SVC(C=C, gamma=gamma).fit(X_tr, y_tr)
        results[(C, gamma)] = clf.score(X_te, y_te)

best = max(results, key=results.get)
print("best C, gamma:", best)
print(f"test accuracy: {results[best]:.4f}")
print("spread:", np.ptp(list(results.values())).round(4))
