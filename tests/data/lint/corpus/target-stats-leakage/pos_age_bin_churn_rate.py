# expect: DATA_LEAKAGE@9-10
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.model_selection import train_test_split
from sklearn.metrics import roc_auc_score

subs = pd.read_csv("subscribers.csv")
subs["age_bin"] = pd.cut(subs["age"], bins=10)
subs["age_bin_churn"] = subs.groupby("age_bin", observed=True)["churned"].transform("mean")
subs["plan_churn"] = subs.groupby("plan")["churned"].transform("mean")
subs["tenure_m"] = subs["tenure_days"] / 30.4

cols = ["age_bin_churn", "plan_churn", "tenure_m", "monthly_fee", "support_tickets"]
fit_df, eval_df = train_test_split(subs, test_size=0.25, random_state=12)
hgb = HistGradientBoostingClassifier(max_iter=200, learning_rate=0.1)
hgb.fit(fit_df[cols], fit_df["churned"])
print("AUC:", roc_auc_score(eval_df["churned"], hgb.predict_proba(eval_df[cols])[:, 1]))
