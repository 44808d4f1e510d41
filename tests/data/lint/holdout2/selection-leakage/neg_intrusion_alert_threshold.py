# expect: NONE
"""Alert threshold for the host-based intrusion classifier (threshold from OOF scores)."""
import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import f1_score, precision_score, recall_score
from sklearn.model_selection import StratifiedKFold, cross_val_predict, train_test_split

events = pd.read_parquet("hids_sessions.parquet")
FEATURES = [
    "n_failed_logins", "n_sudo", "n_new_procs", "bytes_out_log", "n_distinct_ports",
    "session_len_s", "off_hours", "n_file_writes_etc", "parent_is_shell",
]
X, y = events[FEATURES], events["malicious"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, stratify=y, random_state=2)

clf = HistGradientBoostingClassifier(learning_rate=0.05, max_iter=400, class_weight="balanced", random_state=2)
cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=2)
oof = cross_val_predict(clf, X_train, y_train, cv=cv, method="predict_proba")[:, 1]

grid = np.linspace(0.05, 0.95, 91)
f1s = [f1_score(y_train, oof >= t) for t in grid]
t_best = float(grid[int(np.argmax(f1s))])

clf.fit(X_train, y_train)
alerts = clf.predict_proba(X_test)[:, 1] >= t_best
print(f"alert threshold (from OOF): {t_best:.2f}")
print(f"test precision : {precision_score(y_test, alerts):.3f}")
print(f"test recall    : {recall_score(y_test, alerts):.3f}")
print(f"test F1        : {f1_score(y_test, alerts):.3f}")
