# expect: OUTLIER@10
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

contacts = pd.read_csv("data/bank_contacts.csv")
features = ["age", "campaign", "pdays", "previous", "euribor3m", "emp_var_rate"]

X_tr, X_te, y_tr, y_te = train_test_split(contacts[features], contacts["subscribed"], test_size=0.25,
                                          stratify=contacts["subscribed"], random_state=10)
model = make_pipeline(StandardScaler(), LogisticRegression(class_weight="balanced", max_iter=1000))
model.fit(X_tr, y_tr)
print("PR-AUC:", round(average_precision_score(y_te, model.predict_proba(X_te)[:, 1]), 3))
