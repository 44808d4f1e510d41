"""Failure-alert model used by the maintenance dashboard."""
import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import precision_recall_curve, precision_score, recall_score, f1_score


class FailureAlertModel:
    def __init__(self, min_recall=0.8, **params):
        defaults = dict(max_iter=300, learning_rate=0.05, max_leaf_nodes=31,
                        class_weight="balanced", random_state=0)
        defaults.update(params)
        self.clf = HistGradientBoostingClassifier(**defaults)
        self.min_recall = min_recall
        self.threshold_ = None

    def fit(self, X, y, X_val, y_val):
        self.clf.fit(X, y)
        prec, rec, thr = precision_recall_curve(y_val, self.risk(X_val))
        ok = np.where(rec[:-1] >= self.min_recall)[0]
        best = ok[np.argmax(prec[ok])]
        self.threshold_ = float(thr[best])
        return self

    def risk(self, X):
        return self.clf.predict_proba(X)[:, 1]

    def alerts(self, X):
        return (self.risk(X) >= self.threshold_).astype(int)

    def report(self, X, y):
        flagged = self.alerts(X)
        return {
            "threshold": self.threshold_,
            "alerts_raised": int(flagged.sum()),
            "precision": precision_score(y, flagged, zero_division=0),
            "recall": recall_score(y, flagged),
            "f1": f1_score(y, flagged),
        }
