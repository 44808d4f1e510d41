# expect: ENCODING_ERROR@15
import pandas as pd
import lightgbm as lgb
from sklearn.metrics import roc_auc_score

from preprocess import CATEGORICAL, encode_frame

train_raw = pd.read_csv("input/train.csv")
valid_raw = pd.read_csv("input/valid.csv")

y_train = train_raw["Response"]
y_valid = valid_raw["Response"]

X_train = encode_frame(train_raw)
X_valid = encode_frame(valid_raw)

clf = lgb.LGBMClassifier(
    n_estimators=1200,
    learning_rate=0.03,
    num_leaves=63,
    min_child_samples=50,
    colsample_bytree=0.7,
    is_unbalance=True,
)
clf.fit(X_train, y_train, categorical_feature=CATEGORICAL)

valid_auc = roc_auc_score(y_valid, clf.predict_proba(X_valid)[:, 1])
print(f"validation ROC AUC: {valid_auc:.4f}")
clf.booster_.save_model("cross_sell_lgb.txt")
