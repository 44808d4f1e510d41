# expect: NONE
import pandas as pd
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

df = pd.read_csv("heart_disease.csv")
X = df.drop(columns=["target"])
y = df["target"]

pipe = Pipeline([
    ("scale", StandardScaler()),
    ("svm", SVC(kernel="rbf", C=2.0, gamma="scale")),
])
cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=42)
acc = cross_val_score(pipe, X, y, cv=cv, scoring="accuracy")
f1 = cross_val_score(pipe, X, y, cv=cv, scoring="f1")
print(f"accuracy {acc.mean():.3f}, f1 {f1.mean():.3f}")
