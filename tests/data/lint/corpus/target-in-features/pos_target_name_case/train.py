# expect: DATA_LEAKAGE@11
import pandas as pd
import xgboost as xgb
from sklearn.model_selection import train_test_split
from sklearn.metrics import roc_auc_score

TARGET = "Default"
loans = pd.read_csv("data/loans.csv")
loans["income_to_loan"] = loans["Income"] / loans["LoanAmount"]

feature_cols = [c for c in loans.columns if c.lower() not in ("loanid", "target")]
X_tr, X_te, y_tr, y_te = train_test_split(
    loans[feature_cols], loans[TARGET], test_size=0.2, stratify=loans[TARGET], random_state=1
)
clf = xgb.XGBClassifier(n_estimators=400, max_depth=4, learning_rate=0.05, eval_metric="logloss")
clf.fit(X_tr, y_tr)
print("AUC:", roc_auc_score(y_te, clf.predict_proba(X_te)[:, 1]))
