# expect: NONE
from sklearn.datasets import make_classification
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import accuracy_score, average_precision_score, balanced_accuracy_score, classification_report
from sklearn.model_selection import train_test_split

X, y = make_classification(n_samples=5000, n_features=15, n_informative=5,
                           weights=[0.95, 0.05], random_state=2)
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, stratify=y, random_state=2)

rf = RandomForestClassifier(n_estimators=500, class_weight="balanced_subsample",
                            min_samples_leaf=2, random_state=2)
rf.fit(X_tr, y_tr)
pred = rf.predict(X_te)
proba = rf.predict_proba(X_te)[:, 1]

print("accuracy          ", round(accuracy_score(y_te, pred), 3))
print("balanced accuracy ", round(balanced_accuracy_score(y_te, pred), 3))
print("average precision ", round(average_precision_score(y_te, proba), 3))
print(classification_report(y_te, pred, digits=3))
