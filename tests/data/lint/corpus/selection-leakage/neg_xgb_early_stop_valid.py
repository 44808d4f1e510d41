# expect: NONE
import pandas as pd
import xgboost as xgb
from sklearn.model_selection import train_test_split
from sklearn.metrics import roc_auc_score

loans = pd.read_csv("lending_club_sample.csv")
y = loans.pop("charged_off")
X = loans.select_dtypes("number")

X_rest, X_te, y_rest, y_te = train_test_split(X, y, test_size=0.2, stratify=y, random_state=8)
X_tr, X_va, y_tr, y_va = train_test_split(X_rest, y_rest, test_size=0.2, stratify=y_rest, random_state=8)
model = xgb.XGBClassifier(
    n_estimators=5000, learning_rate=0.02, max_depth=5, subsample=0.8,
    colsample_bytree=0.8, eval_metric="auc", early_stopping_rounds=100,
)
model.fit(X_tr, y_tr, eval_set=[(X_va, y_va)], verbose=200)
print("best iteration:", model.best_iteration)
print("test AUC:", roc_auc_score(y_te, model.predict_proba(X_te)[:, 1]))
