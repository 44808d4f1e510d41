# expect: NONE
import pandas as pd
from sklearn.ensemble import IsolationForest
from sklearn.metrics import average_precision_score, roc_auc_score

tx = pd.read_csv("card_tx_numeric.csv", parse_dates=["ts"])
inputs = ["amount", "hour", "merchant_risk", "km_from_home", "secs_since_prev"]
earlier = tx[tx["ts"] < "2023-10-01"]
later = tx[tx["ts"] >= "2023-10-01"]

iso = IsolationForest(n_estimators=500, contamination="auto", random_state=0)
iso.fit(earlier[inputs])
anomaly = -iso.score_samples(later[inputs])

# labels only used to check how well the unsupervised score ranks fraud
print("ROC-AUC:", roc_auc_score(later["is_fraud"], anomaly))
print("PR-AUC:", average_precision_score(later["is_fraud"], anomaly))
print("fraud rate:", later["is_fraud"].mean())
