# expect: DATA_LEAKAGE@10
import pandas as pd
import xgboost as xgb
from sklearn.metrics import average_precision_score

tx = pd.read_csv("card_transactions.csv", parse_dates=["tx_time"])
tx = tx.sort_values("tx_time")

tx["hour"] = tx["tx_time"].dt.hour
tx["cust_avg_amount"] = tx.groupby("customer_id")["amount"].transform("mean")
tx["cust_n_tx"] = tx.groupby("customer_id").cumcount()
tx["amount_ratio"] = tx["amount"] / tx["cust_avg_amount"]
tx["secs_since_prev"] = tx.groupby("customer_id")["tx_time"].diff().dt.total_seconds()

features = ["amount", "hour", "cust_avg_amount", "cust_n_tx", "amount_ratio", "secs_since_prev"]
cutoff = tx["tx_time"].quantile(0.8)
first = tx[tx["tx_time"] < cutoff]
second = tx[tx["tx_time"] >= cutoff]

booster = xgb.XGBClassifier(n_estimators=400, max_depth=5, scale_pos_weight=50, eval_metric="aucpr")
booster.fit(first[features], first["is_fraud"])
print("AP:", average_precision_score(second["is_fraud"], booster.predict_proba(second[features])[:, 1]))
