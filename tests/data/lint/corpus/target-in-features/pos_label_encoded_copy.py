# expect: DATA_LEAKAGE@12
import pandas as pd
from sklearn.preprocessing import LabelEncoder
from sklearn.svm import SVC
from sklearn.model_selection import train_test_split
from sklearn.metrics import accuracy_score

cells = pd.read_csv("breast_biopsy.csv")
le = LabelEncoder()
cells["diagnosis_code"] = le.fit_transform(cells["diagnosis"])

X = cells.drop(columns=["id", "diagnosis"])
y = cells["diagnosis_code"]
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.3, stratify=y, random_state=6)

svc = SVC(C=3.0, kernel="linear").fit(X_tr, y_tr)
print("accuracy:", accuracy_score(y_te, svc.predict(X_te)))
print("classes:", list(le.classes_))
