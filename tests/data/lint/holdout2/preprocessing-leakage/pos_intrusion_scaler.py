# expect: DATA_LEAKAGE@26
# %% [markdown]
# # Flow-level intrusion detection (lab capture, week 3)
# Bidirectional flow statistics exported by the collector; `attack` is 1 for
# any labelled malicious flow.

# %%
import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import classification_report, roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

# %%
flows = pd.read_csv("flows_week3.csv")
num_cols = [
    "duration_ms", "fwd_pkts", "bwd_pkts", "fwd_bytes", "bwd_bytes",
    "pkt_len_mean", "pkt_len_std", "iat_mean_us", "syn_count", "rst_count",
]
flows[num_cols] = np.log1p(flows[num_cols].clip(lower=0))
print(flows["attack"].mean())

# %%
scaler = StandardScaler()
X = scaler.fit_transform(flows[num_cols])
y = flows["attack"].to_numpy()

X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.3, stratify=y, random_state=21
)

# %%
clf = LogisticRegression(C=0.5, max_iter=2000)
clf.fit(X_train, y_train)
proba = clf.predict_proba(X_test)[:, 1]
print(classification_report(y_test, (proba > 0.5).astype(int), digits=3))
print("ROC-AUC:", roc_auc_score(y_test, proba))

# %%
coef = pd.Series(clf.coef_[0], index=num_cols).sort_values()
coef.plot.barh(figsize=(6, 4), title="standardised coefficients")
