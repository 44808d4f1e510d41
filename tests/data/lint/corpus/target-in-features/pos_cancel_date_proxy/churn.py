# expect: DATA_LEAKAGE@11
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import train_test_split
from sklearn.metrics import classification_report

subs = pd.read_csv("data/subscriptions.csv", parse_dates=["signup_date", "cancellation_date"])
subs["tenure_days"] = (pd.Timestamp("2024-01-01") - subs["signup_date"]).dt.days
subs["has_cancel_date"] = subs["cancellation_date"].notna().astype(int)

features = ["tenure_days", "monthly_fee", "logins_30d", "support_calls", "has_cancel_date"]
X_tr, X_te, y_tr, y_te = train_test_split(
    subs[features], subs["churned"], test_size=0.25, stratify=subs["churned"], random_state=2
)
rf = RandomForestClassifier(n_estimators=300, class_weight="balanced", random_state=2)
rf.fit(X_tr, y_tr)
print(classification_report(y_te, rf.predict(X_te), digits=3))
