# expect: NONE
import pandas as pd
from sklearn.ensemble import AdaBoostClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeClassifier

spam = pd.read_csv("spambase.csv")
X, y = spam.drop(columns="is_spam"), spam["is_spam"]
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, stratify=y, random_state=0)

stump = DecisionTreeClassifier(max_depth=1)
ada = AdaBoostClassifier(estimator=stump, n_estimators=600, learning_rate=0.5, random_state=0)
ada.fit(X_tr, y_tr)
print("test AUC:", roc_auc_score(y_te, ada.predict_proba(X_te)[:, 1]))
