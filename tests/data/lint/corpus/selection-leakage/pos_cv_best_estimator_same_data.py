# expect: DATA_LEAKAGE@20
import numpy as np
import pandas as pd
from scipy.stats import loguniform, randint
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.model_selection import RandomizedSearchCV, cross_val_score

churn = pd.read_csv("bank_churn.csv")
y = churn.pop("Exited")
X = pd.get_dummies(churn.drop(columns=["RowNumber", "CustomerId", "Surname"]), dtype=float)

space = {
    "learning_rate": loguniform(0.01, 0.3),
    "max_leaf_nodes": randint(8, 64),
    "l2_regularization": loguniform(1e-4, 1.0),
}
search = RandomizedSearchCV(HistGradientBoostingClassifier(), space, n_iter=40, cv=5, scoring="roc_auc", random_state=0)
search.fit(X, y)

scores = cross_val_score(search.best_estimator_, X, y, cv=5, scoring="roc_auc")
print("tuned model AUC: %.4f +/- %.4f" % (np.mean(scores), np.std(scores)))
