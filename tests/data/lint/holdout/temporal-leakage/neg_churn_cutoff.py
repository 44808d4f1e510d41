# expect: NONE
import pandas as pd
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.metrics import average_precision_score, roc_auc_score


def build_snapshot(tx, customers, cutoff, horizon_days=90):
    """Features use history up to `cutoff`; the label uses the window after it."""
    horizon_end = cutoff + pd.Timedelta(days=horizon_days)
    history = tx[tx["ts"] <= cutoff]
    future = tx[(tx["ts"] > cutoff) & (tx["ts"] <= horizon_end)]

    feats = history.groupby("customer_id").agg(
        n_orders=("order_id", "nunique"),
        total_spend=("amount", "sum"),
        avg_basket=("amount", "mean"),
        last_order=("ts", "max"),
    )
    feats["recency_days"] = (cutoff - feats.pop("last_order")).dt.days

    snap = customers[pd.to_datetime(customers["signup_date"]) <= cutoff].merge(
        feats, on="customer_id", how="left")
    snap[["n_orders", "total_spend", "avg_basket"]] = snap[["n_orders", "total_spend", "avg_basket"]].fillna(0)
    snap["recency_days"] = snap["recency_days"].fillna(720)
    snap["tenure_days"] = (cutoff - pd.to_datetime(snap["signup_date"])).dt.days
    snap["churned"] = (~snap["customer_id"].isin(future["customer_id"])).astype(int)
    return snap


tx = pd.read_parquet("warehouse/transactions.parquet")
tx["ts"] = pd.to_datetime(tx["ts"])
customers = pd.read_parquet("warehouse/customers.parquet")

cols = ["n_orders", "total_spend", "avg_basket", "recency_days", "tenure_days", "age"]
train_snap = build_snapshot(tx, customers, pd.Timestamp("2022-12-31"))
test_snap = build_snapshot(tx, customers, pd.Timestamp("2023-06-30"))

gbm = GradientBoostingClassifier(n_estimators=300, max_depth=3, learning_rate=0.05, subsample=0.8)
gbm.fit(train_snap[cols], train_snap["churned"])
p = gbm.predict_proba(test_snap[cols])[:, 1]
print("ROC AUC", roc_auc_score(test_snap["churned"], p))
print("PR AUC ", average_precision_score(test_snap["churned"], p))
