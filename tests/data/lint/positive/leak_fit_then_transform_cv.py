# expect: DATA_LEAKAGE fit-outside-cv
from sklearn.feature_selection import SelectKBest
from sklearn.model_selection import cross_val_score
from sklearn.ensemble import RandomForestClassifier
import numpy as np
X = np.load("x.npy"); y = np.load("y.npy")
selector = SelectKBest(k=10).fit(X, y)
X_new = selector.transform(X)
print(cross_val_score(RandomForestClassifier(max_depth=5), X_new, y, cv=5, scoring="f1").mean())
