# expect: NONE
import numpy as np
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegressionCV
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.metrics import roc_auc_score

X, y = load_breast_cancer(return_X_y=True)
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.3, stratify=y, random_state=11)

model = make_pipeline(
    StandardScaler(),
    LogisticRegressionCV(Cs=np.logspace(-3, 2, 12), cv=5, scoring="roc_auc", max_iter=5000),
)
model.fit(X_tr, y_tr)
print("C chosen:", model[-1].C_[0])
print("test AUC:", roc_auc_score(y_te, model.predict_proba(X_te)[:, 1]))
