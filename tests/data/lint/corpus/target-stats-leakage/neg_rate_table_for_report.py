# expect: NONE
import pandas as pd
from sklearn.compose import make_column_transformer
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder
from sklearn.metrics import roc_auc_score

subs = pd.read_csv("subscribers.csv")

# churn by plan for the slide deck
summary = subs.groupby("plan")["churned"].agg(["mean", "count"]).sort_values("mean")
summary.to_csv("churn_by_plan.csv")
print(summary)

cols = ["plan", "tenure_days", "monthly_fee", "support_tickets"]
fit_df, eval_df = train_test_split(subs, test_size=0.25, stratify=subs["churned"], random_state=12)
model = make_pipeline(
    make_column_transformer((OneHotEncoder(handle_unknown="ignore"), ["plan"]), remainder="passthrough"),
    HistGradientBoostingClassifier(max_iter=200),
)
model.fit(fit_df[cols], fit_df["churned"])
print("AUC:", roc_auc_score(eval_df["churned"], model.predict_proba(eval_df[cols])[:, 1]))
