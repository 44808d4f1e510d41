# expect: NONE
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import roc_auc_score, log_loss

leads = pd.read_parquet("marketing_leads.parquet")
cols = ["visits_30d", "pages_per_visit", "email_opens", "company_size", "trial_days_used"]

validation = leads.sample(frac=0.2, random_state=11)
training = leads.drop(index=validation.index)

hgb = HistGradientBoostingClassifier(max_depth=6, learning_rate=0.08, max_iter=250)
hgb.fit(training[cols], training["converted"])
p = hgb.predict_proba(validation[cols])[:, 1]
print(f"val AUC {roc_auc_score(validation['converted'], p):.4f}")
print(f"val logloss {log_loss(validation['converted'], p):.4f}")
