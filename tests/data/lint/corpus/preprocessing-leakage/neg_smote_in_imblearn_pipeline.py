# expect: NONE
import numpy as np
import pandas as pd
from imblearn.over_sampling import SMOTE
from imblearn.pipeline import Pipeline
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import StratifiedKFold, cross_validate
from sklearn.preprocessing import StandardScaler

cc = pd.read_csv("creditcard.csv")
features = cc.drop(columns=["Class", "Time"])
target = cc["Class"]

pipe = Pipeline([
    ("scale", StandardScaler()),
    ("smote", SMOTE(random_state=42)),
    ("rf", RandomForestClassifier(n_estimators=300, n_jobs=-1, random_state=42)),
])
cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=42)
res = cross_validate(pipe, features, target, cv=cv, scoring=["average_precision", "recall"])
print("PR-AUC:", np.mean(res["test_average_precision"]).round(4))
print("recall:", np.mean(res["test_recall"]).round(4))
