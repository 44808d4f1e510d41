# expect: NONE
import numpy as np
import pandas as pd
from scipy.stats import loguniform, randint
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.model_selection import RandomizedSearchCV, StratifiedKFold, cross_val_score

churn = pd.read_csv("bank_churn.csv")
y = churn.pop("Exited")
X = pd.get_dummies(churn.drop(columns=["RowNumber", "CustomerId", "Surname"]), dtype=float)

space = {
    "learning_rate": loguniform(0.01, 0.3),
    "max_leaf_nodes": randint(8, 64),
    "l2_regularization": loguniform(1e-4, 1.0),
}
inner = StratifiedKFold(n_splits=3, shuffle=True, random_state=1)
outer = StratifiedKFold(n_splits=5, shuffle=True, random_state=2)
search = RandomizedSearchCV(HistGradientBoostingClassifier(), space, n_iter=30, cv=inner, scoring="roc_auc", random_state=0)

scores = cross_val_score(search, X, y, cv=outer, scoring="roc_auc")
print("nested CV AUC: %.4f +/- %.4f" % (np.mean(scores), np.std(scores)))
