# expect: NONE
from sklearn.datasets import load_breast_cancer
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import StratifiedKFold, cross_val_score

data = load_breast_cancer(as_frame=True)
frame = data.frame
X = frame.drop(columns="target")
y = frame["target"]

cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
forest = RandomForestClassifier(n_estimators=500, max_features="sqrt", random_state=0)
auc = cross_val_score(forest, X, y, cv=cv, scoring="roc_auc")
print(f"ROC-AUC {auc.mean():.3f} (+/- {auc.std():.3f})")
for i, s in enumerate(auc):
    print(f"  fold {i}: {s:.3f}")
