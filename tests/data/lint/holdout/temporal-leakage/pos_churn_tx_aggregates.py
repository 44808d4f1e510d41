# expect: DATA_LEAKAGE@18-23
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import train_test_split
from sklearn.metrics import roc_auc_score, average_precision_score

CUTOFF = pd.Timestamp("2023-06-30")
HORIZON = pd.Timedelta(days=90)

tx = pd.read_parquet("warehouse/transactions.parquet")
tx["ts"] = pd.to_datetime(tx["ts"])
customers = pd.read_parquet("warehouse/customers.parquet")

# churn label: no purchase in the 90 days after the cutoff
active_after = tx.loc[(tx["ts"] > CUTOFF) & (tx["ts"] <= CUTOFF + HORIZON), "customer_id"].unique()
customers["churned"] = (~customers["customer_id"].isin(active_after)).astype(int)

spend = tx.groupby("customer_id").agg(
    n_orders=("order_id", "nunique"),
    total_spend=("amount", "sum"),
    avg_basket=("amount", "mean"),
    last_order=("ts", "max"),
)
spend["days_since_last"] = (CUTOFF - spend["last_order"]).dt.days
spend = spend.drop(columns="last_order")

table = customers.merge(spend, on="customer_id", how="left").fillna(0)
table["tenure_days"] = (CUTOFF - pd.to_datetime(table["signup_date"])).dt.days

cols = ["n_orders", "total_spend", "avg_basket", "days_since_last", "tenure_days", "age"]
X_tr, X_te, y_tr, y_te = train_test_split(
    table[cols], table["churned"], test_size=0.2, stratify=table["churned"], random_state=1
)

rf = RandomForestClassifier(n_estimators=400, min_samples_leaf=5, class_weight="balanced", n_jobs=-1)
rf.fit(X_tr, y_tr)
proba = rf.predict_proba(X_te)[:, 1]
print("ROC AUC:", round(roc_auc_score(y_te, proba), 4))
print("PR AUC:", round(average_precision_score(y_te, proba), 4))
