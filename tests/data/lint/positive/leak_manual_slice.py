# expect: DATA_LEAKAGE fit-before-split
import numpy as np
from sklearn.decomposition import PCA
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
data = np.load("x.npy"); labels = np.load("y.npy")
feats = PCA(n_components=10).fit_transform(data)
X_train, X_test = feats[:800], feats[800:]
y_train, y_test = labels[:800], labels[800:]
m = LogisticRegression().fit(X_train, y_train)
print(roc_auc_score(y_test, m.predict_proba(X_test)[:, 1]))
