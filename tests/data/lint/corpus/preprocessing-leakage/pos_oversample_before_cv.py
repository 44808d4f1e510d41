# expect: DATA_LEAKAGE@13
import numpy as np
import pandas as pd
from imblearn.over_sampling import RandomOverSampler
from sklearn.model_selection import cross_validate
from sklearn.tree import DecisionTreeClassifier

claims = pd.read_csv("insurance_claims.csv")
X = pd.get_dummies(claims.drop(columns=["claim_id", "fraud_reported"]), dtype=float)
y = (claims["fraud_reported"] == "Y").astype(int)

ros = RandomOverSampler(random_state=0)
X_bal, y_bal = ros.fit_resample(X, y)

tree = DecisionTreeClassifier(max_depth=6, min_samples_leaf=5, random_state=0)
res = cross_validate(tree, X_bal, y_bal, cv=5, scoring=["recall", "precision", "f1"])
for k in ("test_recall", "test_precision", "test_f1"):
    print(k, np.round(res[k].mean(), 3))
