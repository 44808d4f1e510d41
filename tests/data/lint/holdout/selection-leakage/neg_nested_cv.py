# expect: NONE
import numpy as np
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import GridSearchCV, StratifiedKFold, cross_val_score
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

X, y = load_breast_cancer(return_X_y=True)

pipe = Pipeline([("scale", StandardScaler()), ("svc", SVC(kernel="rbf"))])
param_grid = {
    "svc__C": np.logspace(-2, 3, 6),
    "svc__gamma": np.logspace(-4, 0, 5),
}

inner = StratifiedKFold(n_splits=4, shuffle=True, random_state=1)
outer = StratifiedKFold(n_splits=5, shuffle=True, random_state=2)

search = GridSearchCV(pipe, param_grid, cv=inner, scoring="roc_auc", n_jobs=-1)

# outer loop gives the generalisation estimate of the whole tuning procedure
nested = cross_val_score(search, X, y, cv=outer, scoring="roc_auc")
print("nested CV AUC: %.4f +/- %.4f" % (nested.mean(), nested.std()))

# final model for deployment: tune on all data, but do not report best_score_ as the estimate
search.fit(X, y)
print("chosen params:", search.best_params_)
print("inner-CV AUC of chosen params (optimistic): %.4f" % search.best_score_)
