# expect: NONE
import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.svm import SVC

seeds = pd.read_csv("seeds.csv")
feat = ["area", "perimeter", "compactness", "kernel_length", "kernel_width", "asymmetry", "groove"]
X = seeds[feat].to_numpy()
y = seeds["variety"].to_numpy()
a_x, b_x, a_y, b_y = train_test_split(X, y, test_size=0.3, stratify=y, random_state=5)

classes = np.unique(a_y)
centroids = np.vstack([a_x[a_y == c].mean(axis=0) for c in classes])


def with_distances(m: np.ndarray) -> np.ndarray:
    return np.hstack([m, np.linalg.norm(m[:, None, :] - centroids[None, :, :], axis=2)])


svc = SVC(C=1.0).fit(with_distances(a_x), a_y)
print("accuracy:", (svc.predict(with_distances(b_x)) == b_y).mean())
