# expect: NONE
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import train_test_split
from sklearn.metrics import classification_report

subs = pd.read_csv("subscriptions.csv", parse_dates=["signup_date"])
subs["tenure_days"] = (pd.Timestamp("2024-01-01") - subs["signup_date"]).dt.days
features = ["tenure_days", "monthly_fee", "logins_30d", "support_calls"]

tr, te = train_test_split(subs, test_size=0.25, stratify=subs["churned"], random_state=2)
print("churn rate train/test:", tr["churned"].mean().round(3), te["churned"].mean().round(3))

rf = RandomForestClassifier(n_estimators=300, class_weight="balanced", random_state=2)
rf.fit(tr[features], tr["churned"])
print(classification_report(te["churned"], rf.predict(te[features]), digits=3))
