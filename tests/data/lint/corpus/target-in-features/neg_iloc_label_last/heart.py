# expect: NONE
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.metrics import roc_auc_score

heart = pd.read_csv("data/heart.csv")
X = heart.iloc[:, :-1]
y = heart["target"]

X_a, X_b, y_a, y_b = train_test_split(X, y, test_size=0.25, stratify=y, random_state=0)
clf = make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000))
clf.fit(X_a, y_a)
print("AUC:", roc_auc_score(y_b, clf.predict_proba(X_b)[:, 1]))
print("coefs:", dict(zip(X.columns, clf[-1].coef_[0].round(2))))
