"""Failure-alert model used by the maintenance dashboard."""
# expect: IMBALANCE@22
import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import precision_score, recall_score, f1_score


class FailureAlertModel:
    def __init__(self, **params):
        defaults = dict(max_iter=300, learning_rate=0.05, max_leaf_nodes=31, random_state=0)
        defaults.update(params)
        self.clf = HistGradientBoostingClassifier(**defaults)

    def fit(self, X, y):
        self.clf.fit(X, y)
        return self

    def risk(self, X):
        return self.clf.predict_proba(X)[:, 1]

    def alerts(self, X):
        return (self.risk(X) >= 0.5).astype(int)

    def report(self, X, y):
        flagged = self.alerts(X)
        return {
            "alerts_raised": int(flagged.sum()),
            "precision": precision_score(y, flagged, zero_division=0),
            "recall": recall_score(y, flagged),
            "f1": f1_score(y, flagged),
            "mean_risk": float(np.mean(self.risk(X))),
        }
