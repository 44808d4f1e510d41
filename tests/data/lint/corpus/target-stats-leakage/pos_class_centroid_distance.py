# expect: DATA_LEAKAGE@13
import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.svm import SVC

seeds = pd.read_csv("seeds.csv")
feat = ["area", "perimeter", "compactness", "kernel_length", "kernel_width", "asymmetry", "groove"]
X = seeds[feat].to_numpy()
y = seeds["variety"].to_numpy()

classes = np.unique(y)
centroids = np.vstack([X[y == c].mean(axis=0) for c in classes])
dists = np.linalg.norm(X[:, None, :] - centroids[None, :, :], axis=2)
X_aug = np.hstack([X, dists])

a_x, b_x, a_y, b_y = train_test_split(X_aug, y, test_size=0.3, stratify=y, random_state=5)
svc = SVC(C=1.0).fit(a_x, a_y)
print("accuracy:", (svc.predict(b_x) == b_y).mean())
