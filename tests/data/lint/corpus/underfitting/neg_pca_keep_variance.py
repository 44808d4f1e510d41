# expect: NONE
import numpy as np
from sklearn.decomposition import PCA
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

spectra = np.load("raman_spectra.npy")
labels = np.load("raman_labels.npy")

X_tr, X_te, y_tr, y_te = train_test_split(spectra, labels, test_size=0.2, stratify=labels, random_state=1)

pipe = Pipeline([
    ("scale", StandardScaler()),
    ("pca", PCA(n_components=0.95, svd_solver="full")),
    ("clf", LogisticRegression(max_iter=2000)),
])
pipe.fit(X_tr, y_tr)
print("components kept:", pipe["pca"].n_components_)
print("macro F1:", f1_score(y_te, pipe.predict(X_te), average="macro"))
