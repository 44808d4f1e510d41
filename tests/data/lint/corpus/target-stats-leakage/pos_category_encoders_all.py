# expect: DATA_LEAKAGE@14
import category_encoders as ce
import pandas as pd
from lightgbm import LGBMClassifier
from sklearn.model_selection import train_test_split
from sklearn.metrics import roc_auc_score

ads = pd.read_csv("ad_clicks.csv")
cat_cols = ["site_id", "app_id", "device_model", "campaign"]
y = ads["click"]
X = ads.drop(columns=["click", "impression_id"])

enc = ce.TargetEncoder(cols=cat_cols, smoothing=20)
X = enc.fit_transform(X, y)

X_fit, X_eval, y_fit, y_eval = train_test_split(X, y, test_size=0.2, random_state=99)
lgbm = LGBMClassifier(n_estimators=800, learning_rate=0.03, num_leaves=31, subsample=0.8)
lgbm.fit(X_fit, y_fit)
print("AUC:", roc_auc_score(y_eval, lgbm.predict_proba(X_eval)[:, 1]))
