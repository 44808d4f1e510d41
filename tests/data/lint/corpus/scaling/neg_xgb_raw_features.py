# expect: NONE
import pandas as pd
import xgboost as xgb
from sklearn.metrics import average_precision_score
from sklearn.model_selection import train_test_split

claims = pd.read_csv("warranty_claims.csv")
features = ["unit_price", "days_since_sale", "odometer_km", "dealer_claims_90d", "part_cost"]
X, y = claims[features], claims["rejected"]

X_dev, X_test, y_dev, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=5)
X_fit, X_val, y_fit, y_val = train_test_split(X_dev, y_dev, test_size=0.2, stratify=y_dev, random_state=5)

scale_pos_weight = (y_fit == 0).sum() / max((y_fit == 1).sum(), 1)
booster = xgb.XGBClassifier(n_estimators=2000, learning_rate=0.05, max_depth=4, subsample=0.8,
                            scale_pos_weight=scale_pos_weight, eval_metric="aucpr",
                            early_stopping_rounds=50)
booster.fit(X_fit, y_fit, eval_set=[(X_val, y_val)], verbose=False)
print("test PR-AUC:", average_precision_score(y_test, booster.predict_proba(X_test)[:, 1]))
