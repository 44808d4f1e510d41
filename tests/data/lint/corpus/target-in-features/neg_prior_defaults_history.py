# expect: NONE
import pandas as pd
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.model_selection import train_test_split
from sklearn.metrics import roc_auc_score

apps = pd.read_csv("loan_applications_2023.csv")
bureau = pd.read_csv("bureau_history.csv", parse_dates=["closed_date"])

# defaults on earlier loans, as reported by the bureau before the application
earlier = bureau[bureau["closed_date"] < "2023-01-01"]
prior = earlier.groupby("applicant_id").agg(prior_defaults=("was_default", "sum"), prior_loans=("loan_ref", "count"))
apps = apps.merge(prior, on="applicant_id", how="left").fillna({"prior_defaults": 0, "prior_loans": 0})

cols = ["income", "loan_amount", "fico", "prior_defaults", "prior_loans"]
tr, te = train_test_split(apps, test_size=0.25, stratify=apps["default_12m"], random_state=0)
gb = GradientBoostingClassifier(n_estimators=300, max_depth=3).fit(tr[cols], tr["default_12m"])
print("AUC:", roc_auc_score(te["default_12m"], gb.predict_proba(te[cols])[:, 1]))
