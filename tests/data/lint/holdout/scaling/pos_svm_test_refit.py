# expect: SCALING_ERROR@26
import numpy as np
import pandas as pd
from sklearn.preprocessing import MinMaxScaler
from sklearn.svm import SVC
from sklearn.model_selection import train_test_split
from sklearn.metrics import f1_score, confusion_matrix

cols = ["pregnancies", "glucose", "blood_pressure", "skin_thickness",
        "insulin", "bmi", "pedigree", "age"]
diab = pd.read_csv("pima_diabetes.csv", names=cols + ["outcome"], header=0)
for c in ["glucose", "blood_pressure", "skin_thickness", "insulin", "bmi"]:
    diab[c] = diab[c].replace(0, np.nan)

X_train, X_test, y_train, y_test = train_test_split(
    diab[cols], diab["outcome"], test_size=0.25, stratify=diab["outcome"], random_state=3
)
medians = X_train.median()
X_train = X_train.fillna(medians)
X_test = X_test.fillna(medians)

train_scaler = MinMaxScaler()
X_train_s = train_scaler.fit_transform(X_train)

test_scaler = MinMaxScaler()
X_test_s = test_scaler.fit_transform(X_test)

svc = SVC(C=4.0, kernel="rbf", gamma="scale", class_weight="balanced")
svc.fit(X_train_s, y_train)

pred = svc.predict(X_test_s)
print("F1:", round(f1_score(y_test, pred), 3))
print(confusion_matrix(y_test, pred))
