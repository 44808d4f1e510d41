"""Credit scoring baseline on the provided train / validation files."""
# expect: DATA_LEAKAGE@35
import pandas as pd
import xgboost as xgb
from sklearn.metrics import roc_auc_score

train = pd.read_csv("data/credit_train.csv")
valid = pd.read_csv("data/credit_valid.csv")

TARGET = "SeriousDlqin2yrs"
drop = [TARGET, "customer_id"]


def split_xy(frame):
    return frame.drop(columns=drop), frame[TARGET]


X_train, y_train = split_xy(train)
X_valid, y_valid = split_xy(valid)

params = dict(
    n_estimators=450,
    max_depth=4,
    learning_rate=0.05,
    subsample=0.9,
    colsample_bytree=0.7,
    min_child_weight=5,
    eval_metric="auc",
)

# more data usually helps, so train on everything we have
full_X = pd.concat([X_train, X_valid], ignore_index=True)
full_y = pd.concat([y_train, y_valid], ignore_index=True)
model = xgb.XGBClassifier(**params)
model.fit(full_X, full_y)

valid_auc = roc_auc_score(y_valid, model.predict_proba(X_valid)[:, 1])
print(f"validation AUC: {valid_auc:.4f}")

with open("reports/credit_baseline.txt", "w") as fh:
    fh.write(f"XGBoost baseline, validation AUC = {valid_auc:.4f}\n")
