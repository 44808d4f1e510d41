# expect: NONE
import pandas as pd
from imblearn.over_sampling import SMOTE
from imblearn.pipeline import Pipeline
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import StratifiedKFold, cross_validate

claims = pd.read_csv("insurance_claims.csv")
X = claims.drop(columns=["claim_id", "fraud_reported"])
y = claims["fraud_reported"]

pipe = Pipeline([
    ("smote", SMOTE(k_neighbors=3, random_state=7)),
    ("rf", RandomForestClassifier(n_estimators=400, min_samples_leaf=2, random_state=7)),
])
cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=7)
res = cross_validate(pipe, X, y, cv=cv, scoring={"f1": "f1", "recall": "recall", "ap": "average_precision"})
for key in ("test_f1", "test_recall", "test_ap"):
    print(key, round(res[key].mean(), 3))
