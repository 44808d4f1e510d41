# expect: NONE
import numpy as np
from sklearn.datasets import fetch_olivetti_faces
from sklearn.decomposition import PCA
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.svm import LinearSVC

faces = fetch_olivetti_faces()
pixels, person = faces.data, faces.target

model = make_pipeline(PCA(n_components=120, whiten=True, random_state=0), LinearSVC(C=0.5, max_iter=20000))
folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
acc = cross_val_score(model, pixels, person, cv=folds)
print("identification accuracy: %.3f (%.3f)" % (np.mean(acc), np.std(acc)))

model.fit(pixels, person)
print("variance kept by final PCA:", model[0].explained_variance_ratio_.sum().round(3))
