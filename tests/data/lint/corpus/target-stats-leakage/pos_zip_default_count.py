# expect: DATA_LEAKAGE@7
import pandas as pd
import xgboost as xgb
from sklearn.model_selection import StratifiedKFold, cross_val_score

loans = pd.read_csv("loan_applications.csv", dtype={"zip3": str})
loans["n_defaults_zip"] = loans.groupby("zip3")["defaulted"].transform("sum")
loans["n_loans_zip"] = loans.groupby("zip3")["defaulted"].transform("size")
loans["dti_x_fico"] = loans["dti"] * loans["fico"] / 1000

cols = ["loan_amnt", "fico", "dti", "annual_inc", "dti_x_fico", "n_defaults_zip", "n_loans_zip"]
clf = xgb.XGBClassifier(n_estimators=300, max_depth=4, learning_rate=0.05, eval_metric="auc")
cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=1)
auc = cross_val_score(clf, loans[cols], loans["defaulted"], cv=cv, scoring="roc_auc")
print("AUC by fold:", auc.round(4))
print("mean:", auc.mean().round(4))
