# expect: DATA_LEAKAGE@12-16
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

SNAPSHOT = pd.Timestamp("2023-06-30")
WINDOW_END = SNAPSHOT + pd.Timedelta(days=90)

events = pd.read_csv("app_events.csv", parse_dates=["event_time"])
users = pd.read_csv("users.csv", parse_dates=["signup_date"])

activity = events.groupby("user_id").agg(
    n_sessions=("session_id", "nunique"),
    n_purchases=("event", lambda e: (e == "purchase").sum()),
    last_seen=("event_time", "max"),
)
activity["days_inactive"] = (SNAPSHOT - activity["last_seen"]).dt.days

after = events[(events["event_time"] > SNAPSHOT) & (events["event_time"] <= WINDOW_END)]
active_after = set(after["user_id"])
users = users.merge(activity, on="user_id", how="left").fillna(0)
users["churned"] = (~users["user_id"].isin(active_after)).astype(int)

users = users.sample(frac=1.0, random_state=3)
n_fit = int(0.7 * len(users))
cols = ["n_sessions", "n_purchases", "days_inactive"]
lr = LogisticRegression(max_iter=1000).fit(users[cols][:n_fit], users["churned"][:n_fit])
p = lr.predict_proba(users[cols][n_fit:])[:, 1]
print("AUC:", roc_auc_score(users["churned"][n_fit:], p))
