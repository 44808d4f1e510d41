# expect: DATA_LEAKAGE@12
import numpy as np
from sklearn.decomposition import PCA
from sklearn.datasets import fetch_olivetti_faces
from sklearn.model_selection import train_test_split
from sklearn.svm import LinearSVC

faces = fetch_olivetti_faces()
pixels, person = faces.data, faces.target

pca = PCA(n_components=120, whiten=True, random_state=0)
eigen = pca.fit_transform(pixels)
print("variance kept:", pca.explained_variance_ratio_.sum().round(3))

e_tr, e_te, p_tr, p_te = train_test_split(eigen, person, test_size=0.25, stratify=person, random_state=0)
svc = LinearSVC(C=0.5, max_iter=20000).fit(e_tr, p_tr)
print("identification accuracy:", np.mean(svc.predict(e_te) == p_te))
