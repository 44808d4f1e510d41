# expect: NONE
# %% [markdown]
# # Flow-level intrusion detection (lab capture, week 4)

# %%
import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import classification_report, roc_auc_score
from sklearn.model_selection import StratifiedKFold, cross_val_score, train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import FunctionTransformer, StandardScaler

# %%
flows = pd.read_csv("flows_week4.csv")
num_cols = [
    "duration_ms", "fwd_pkts", "bwd_pkts", "fwd_bytes", "bwd_bytes",
    "pkt_len_mean", "pkt_len_std", "iat_mean_us", "syn_count", "rst_count",
]
X = flows[num_cols].clip(lower=0)
y = flows["attack"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, stratify=y, random_state=21)

# %%
pipe = Pipeline([
    ("log", FunctionTransformer(np.log1p)),
    ("scale", StandardScaler()),
    ("clf", LogisticRegression(C=0.5, max_iter=2000)),
])
cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=21)
cv_auc = cross_val_score(pipe, X_train, y_train, cv=cv, scoring="roc_auc")
print("CV AUC", cv_auc.mean().round(4), cv_auc.round(4))

# %%
pipe.fit(X_train, y_train)
proba = pipe.predict_proba(X_test)[:, 1]
print(classification_report(y_test, (proba > 0.5).astype(int), digits=3))
print("test ROC-AUC:", roc_auc_score(y_test, proba))
