# expect: NONE
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.metrics import roc_auc_score

quotes = pd.read_csv("insurance_quotes.csv")
q_tr, q_te = train_test_split(quotes, test_size=0.25, stratify=quotes["bought"], random_state=0)
q_tr, q_te = q_tr.copy(), q_te.copy()

for col in ["occupation", "state", "channel"]:
    freq = q_tr[col].value_counts(normalize=True)
    q_tr[col + "_freq"] = q_tr[col].map(freq)
    q_te[col + "_freq"] = q_te[col].map(freq).fillna(0.0)

features = ["premium", "n_drivers", "vehicle_age", "occupation_freq", "state_freq", "channel_freq"]
model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000))
model.fit(q_tr[features], q_tr["bought"])
print("AUC:", roc_auc_score(q_te["bought"], model.predict_proba(q_te[features])[:, 1]))
