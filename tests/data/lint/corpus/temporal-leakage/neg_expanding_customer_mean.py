# expect: NONE
import pandas as pd
import xgboost as xgb
from sklearn.metrics import average_precision_score

tx = pd.read_csv("card_transactions.csv", parse_dates=["tx_time"]).sort_values("tx_time")
g = tx.groupby("customer_id")["amount"]
tx["hour"] = tx["tx_time"].dt.hour
tx["cust_avg_prev"] = g.transform(lambda s: s.shift(1).expanding().mean())
tx["cust_n_prev"] = tx.groupby("customer_id").cumcount()
tx["amount_ratio"] = tx["amount"] / tx["cust_avg_prev"]
tx["secs_since_prev"] = tx.groupby("customer_id")["tx_time"].diff().dt.total_seconds()

features = ["amount", "hour", "cust_avg_prev", "cust_n_prev", "amount_ratio", "secs_since_prev"]
cutoff = tx["tx_time"].quantile(0.8)
first, second = tx[tx["tx_time"] < cutoff], tx[tx["tx_time"] >= cutoff]

booster = xgb.XGBClassifier(n_estimators=400, max_depth=5, scale_pos_weight=50, eval_metric="aucpr")
booster.fit(first[features], first["is_fraud"])
print("AP:", average_precision_score(second["is_fraud"], booster.predict_proba(second[features])[:, 1]))
