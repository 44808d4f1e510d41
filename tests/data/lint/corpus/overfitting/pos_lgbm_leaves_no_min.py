# expect: OVERFITTING@12-13
import lightgbm as lgb
import pandas as pd
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

leads = pd.read_csv("b2b_leads.csv")
X = leads.drop(columns=["won"])
y = leads["won"]
X_a, X_b, y_a, y_b = train_test_split(X, y, test_size=0.3, stratify=y, random_state=0)

params = dict(objective="binary", num_leaves=2048, min_child_samples=1, min_child_weight=0.0,
              max_depth=-1, n_estimators=2500, learning_rate=0.2, verbose=-1)
model = lgb.LGBMClassifier(**params)
model.fit(X_a, y_a)
print("AUC:", roc_auc_score(y_b, model.predict_proba(X_b)[:, 1]))
