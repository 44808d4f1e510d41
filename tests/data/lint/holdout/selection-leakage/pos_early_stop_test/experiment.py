# expect: DATA_LEAKAGE@14
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.metrics import roc_auc_score

from boosting import feature_importance, fit_with_early_stopping, predict

df = pd.read_csv("santander_sample.csv")
y = df.pop("target").values
X = df.drop(columns=["ID_code"])

X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, stratify=y, random_state=2019)

booster = fit_with_early_stopping(X_tr, y_tr, X_te, y_te, params={"num_leaves": 15})
print("best iteration:", booster.best_iteration)

test_auc = roc_auc_score(y_te, predict(booster, X_te))
print(f"Test AUC: {test_auc:.5f}")

top = feature_importance(booster, list(X.columns))[:15]
for name, gain in top:
    print(f"{name:>12}  {gain:,.0f}")

pd.DataFrame({"auc": [test_auc], "iters": [booster.best_iteration]}).to_csv("lgb_run.csv", index=False)
