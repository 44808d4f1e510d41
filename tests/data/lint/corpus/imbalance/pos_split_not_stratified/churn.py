# expect: IMBALANCE@10
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import average_precision_score, recall_score
from sklearn.model_selection import train_test_split

subs = pd.read_csv("data/subscribers.csv")
features = ["monthly_fee", "support_calls", "contract_months", "data_gb"]

train_df, test_df = train_test_split(subs, test_size=0.2, random_state=1)

rf = RandomForestClassifier(n_estimators=300, class_weight="balanced_subsample",
                            min_samples_leaf=3, random_state=1)
rf.fit(train_df[features], train_df["churned"])

proba = rf.predict_proba(test_df[features])[:, 1]
print("PR-AUC:", round(average_precision_score(test_df["churned"], proba), 3))
print("recall@0.3:", round(recall_score(test_df["churned"], proba > 0.3), 3))
