# expect: NONE
import lightgbm as lgb
import pandas as pd
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

apps = pd.read_csv("applications.csv")
num = ["ext_source_1", "ext_source_2", "days_employed", "annuity", "credit_amount", "own_car_age"]
apps[num] = apps[num].fillna(-999)

X_tr, X_te, y_tr, y_te = train_test_split(apps[num], apps["target"], test_size=0.2,
                                          stratify=apps["target"], random_state=0)
model = lgb.LGBMClassifier(n_estimators=600, learning_rate=0.03, num_leaves=31,
                           min_child_samples=50, subsample=0.8, subsample_freq=1, verbose=-1)
model.fit(X_tr, y_tr)
print("AUC:", roc_auc_score(y_te, model.predict_proba(X_te)[:, 1]))
