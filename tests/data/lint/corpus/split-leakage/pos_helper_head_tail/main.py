import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

from splitting import describe, split_frame

telco = pd.read_csv("telco_churn.csv")
telco = pd.get_dummies(telco.drop(columns=["customerID"]), drop_first=True, dtype=float)
target = "Churn_Yes"
cols = [c for c in telco.columns if c != target]

a, b = split_frame(telco, frac=0.8, seed=7)
print(describe(a, b))
clf = LogisticRegression(max_iter=3000).fit(a[cols], a[target])
print("AUC:", roc_auc_score(b[target], clf.predict_proba(b[cols])[:, 1]))
