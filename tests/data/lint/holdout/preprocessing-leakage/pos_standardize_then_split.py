# expect: DATA_LEAKAGE@20
import numpy as np
import pandas as pd
from sklearn.preprocessing import StandardScaler
from sklearn.model_selection import train_test_split
from sklearn.svm import SVC
from sklearn.metrics import classification_report, roc_auc_score

cols = ["radius", "texture", "perimeter", "area", "smoothness", "compactness",
        "concavity", "concave_points", "symmetry", "fractal_dim"]
data = pd.read_csv("wdbc.data", header=None)
data = data.iloc[:, :12]
data.columns = ["id", "diagnosis"] + cols
data["diagnosis"] = (data["diagnosis"] == "M").astype(int)

X = data[cols].values
y = data["diagnosis"].values

sc = StandardScaler()
X = sc.fit_transform(X)

X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.3, stratify=y, random_state=0
)

svm = SVC(kernel="rbf", C=3.0, gamma="scale", probability=True)
svm.fit(X_train, y_train)

y_pred = svm.predict(X_test)
print(classification_report(y_test, y_pred, target_names=["benign", "malignant"]))
print("AUC:", roc_auc_score(y_test, svm.predict_proba(X_test)[:, 1]))
np.save("svm_support_idx.npy", svm.support_)
