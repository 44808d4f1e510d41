# expect: NONE
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

credit = pd.read_csv("german_credit_numeric.csv")
TARGET = "defaulted"
FEATURES = [
    "duration_months",
    "credit_amount",
    "installment_rate",
    "age",
    "existing_credits",
    "num_dependents",
]
assert TARGET not in FEATURES

model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000))
auc = cross_val_score(model, credit[FEATURES], credit[TARGET], cv=5, scoring="roc_auc")
print("AUC: %.3f" % auc.mean())
