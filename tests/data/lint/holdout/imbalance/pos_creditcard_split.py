"""Credit card fraud (ULB dataset): 492 frauds out of 284,807 transactions."""
# expect: IMBALANCE@16
import numpy as np
import pandas as pd
import xgboost as xgb
from sklearn.model_selection import train_test_split
from sklearn.metrics import average_precision_score, precision_recall_curve, recall_score

cc = pd.read_csv("creditcard.csv")
cc["log_amount"] = np.log1p(cc["Amount"])
cc["hour"] = (cc["Time"] // 3600) % 24

features = [f"V{i}" for i in range(1, 29)] + ["log_amount", "hour"]
X, y = cc[features], cc["Class"]

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)

spw = (y_train == 0).sum() / max(1, (y_train == 1).sum())
model = xgb.XGBClassifier(
    n_estimators=600, max_depth=5, learning_rate=0.05, subsample=0.8,
    colsample_bytree=0.8, scale_pos_weight=spw, eval_metric="aucpr",
)
model.fit(X_train, y_train)

proba = model.predict_proba(X_test)[:, 1]
print("PR AUC:", round(average_precision_score(y_test, proba), 4))
prec, rec, thr = precision_recall_curve(y_test, proba)
ok = np.where(prec[:-1] >= 0.9)[0]
if len(ok):
    t = thr[ok[0]]
    print(f"threshold for 90% precision: {t:.3f}, recall={recall_score(y_test, proba >= t):.3f}")
