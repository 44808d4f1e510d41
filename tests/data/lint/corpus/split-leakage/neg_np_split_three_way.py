# expect: NONE
import numpy as np
import pandas as pd
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.metrics import roc_auc_score

df = pd.read_csv("loan_book.csv")
cols = ["income", "dti", "fico", "loan_amnt", "term_months", "emp_length"]
X, y = df[cols].to_numpy(), df["default"].to_numpy()

idx = np.random.default_rng(5).permutation(len(df))
fit_idx, val_idx, test_idx = np.split(idx, [int(0.7 * len(idx)), int(0.85 * len(idx))])

best_auc, best_m = -1.0, None
for depth in (2, 3, 4):
    m = GradientBoostingClassifier(max_depth=depth, n_estimators=300, random_state=0)
    m.fit(X[fit_idx], y[fit_idx])
    auc = roc_auc_score(y[val_idx], m.predict_proba(X[val_idx])[:, 1])
    if auc > best_auc:
        best_auc, best_m = auc, m
print("val AUC (selection):", round(best_auc, 4))
print("test AUC:", round(roc_auc_score(y[test_idx], best_m.predict_proba(X[test_idx])[:, 1]), 4))
