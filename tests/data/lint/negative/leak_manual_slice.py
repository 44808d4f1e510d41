# expect: no DATA_LEAKAGE
import numpy as np
from sklearn.decomposition import PCA
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

data = np.load("x.npy")
labels = np.load("y.npy")
X_train, X_test = data[:800], data[800:]
y_train, y_test = labels[:800], labels[800:]
pca = PCA(n_components=10).fit(X_train)
m = LogisticRegression().fit(pca.transform(X_train), y_train)
print(roc_auc_score(y_test, m.predict_proba(pca.transform(X_test))[:, 1]))
