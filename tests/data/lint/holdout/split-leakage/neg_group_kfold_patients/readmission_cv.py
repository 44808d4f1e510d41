# expect: NONE
import numpy as np
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import GroupKFold, GroupShuffleSplit
from sklearn.metrics import roc_auc_score

visits = pd.read_csv("data/visits.csv")
visits["hypertensive"] = (visits["systolic_bp"] >= 140).astype(int)

features = ["visit_no", "age", "bmi", "systolic_bp", "hypertensive", "hba1c"]
X = visits[features]
y = visits["readmitted"]
groups = visits["patient_id"]

# hold out 20% of *patients*, not rows
gss = GroupShuffleSplit(n_splits=1, test_size=0.2, random_state=5)
dev_idx, test_idx = next(gss.split(X, y, groups))
X_dev, y_dev, g_dev = X.iloc[dev_idx], y.iloc[dev_idx], groups.iloc[dev_idx]
X_test, y_test = X.iloc[test_idx], y.iloc[test_idx]
assert set(g_dev).isdisjoint(set(groups.iloc[test_idx]))

fold_auc = []
for tr, va in GroupKFold(n_splits=5).split(X_dev, y_dev, g_dev):
    rf = RandomForestClassifier(n_estimators=300, max_depth=8, min_samples_leaf=4, random_state=0)
    rf.fit(X_dev.iloc[tr], y_dev.iloc[tr])
    fold_auc.append(roc_auc_score(y_dev.iloc[va], rf.predict_proba(X_dev.iloc[va])[:, 1]))
print("grouped CV AUC: %.3f +/- %.3f" % (np.mean(fold_auc), np.std(fold_auc)))

final = RandomForestClassifier(n_estimators=300, max_depth=8, min_samples_leaf=4, random_state=0)
final.fit(X_dev, y_dev)
print("held-out patients AUC: %.3f" % roc_auc_score(y_test, final.predict_proba(X_test)[:, 1]))
