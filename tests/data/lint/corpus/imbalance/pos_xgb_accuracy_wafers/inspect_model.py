# expect: IMBALANCE@17
import pandas as pd
from sklearn.metrics import accuracy_score, confusion_matrix
from sklearn.model_selection import train_test_split
from xgboost import XGBClassifier

wafers = pd.read_csv("data/wafers.csv")
X = wafers.drop(columns=["lot", "defect"])
y = wafers["defect"]

X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.3, stratify=y, random_state=99)

clf = XGBClassifier(n_estimators=300, max_depth=4, learning_rate=0.1, subsample=0.9)
clf.fit(X_tr, y_tr)
pred = clf.predict(X_te)

print("accuracy:", accuracy_score(y_te, pred))
print(confusion_matrix(y_te, pred))
