"""Credit scoring baseline: tune on validation, refit on train+valid, score on test once."""
# expect: NONE
import pandas as pd
import xgboost as xgb
from sklearn.metrics import roc_auc_score

train = pd.read_csv("data/credit_train.csv")
valid = pd.read_csv("data/credit_valid.csv")
test = pd.read_csv("data/credit_test.csv")

TARGET = "SeriousDlqin2yrs"
drop = [TARGET, "customer_id"]


def split_xy(frame):
    return frame.drop(columns=drop), frame[TARGET]


X_train, y_train = split_xy(train)
X_valid, y_valid = split_xy(valid)
X_test, y_test = split_xy(test)

base = dict(n_estimators=450, learning_rate=0.05, subsample=0.9, colsample_bytree=0.7, eval_metric="auc")
results = {}
for depth in (3, 4, 6):
    m = xgb.XGBClassifier(max_depth=depth, **base).fit(X_train, y_train)
    results[depth] = roc_auc_score(y_valid, m.predict_proba(X_valid)[:, 1])
best_depth = max(results, key=results.get)
print("validation AUC by depth:", results)

full_X = pd.concat([X_train, X_valid], ignore_index=True)
full_y = pd.concat([y_train, y_valid], ignore_index=True)
model = xgb.XGBClassifier(max_depth=best_depth, **base)
model.fit(full_X, full_y)

test_auc = roc_auc_score(y_test, model.predict_proba(X_test)[:, 1])
print(f"test AUC (depth={best_depth}): {test_auc:.4f}")
with open("reports/credit_baseline.txt", "w") as fh:
    fh.write(f"XGBoost depth={best_depth}, test AUC = {test_auc:.4f}\n")
