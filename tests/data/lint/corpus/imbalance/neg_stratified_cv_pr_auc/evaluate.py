# expect: NONE
import pandas as pd
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.model_selection import StratifiedKFold, cross_validate


def load_features(path):
    subs = pd.read_csv(path)
    X = subs.drop(columns=["customer_id", "churned"])
    return X, subs["churned"]


def evaluate(model, X, y):
    cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=3)
    res = cross_validate(model, X, y, cv=cv, scoring=["average_precision", "roc_auc", "recall"])
    return {k: v.mean() for k, v in res.items() if k.startswith("test_")}


if __name__ == "__main__":
    X, y = load_features("data/subscribers.csv")
    gbm = GradientBoostingClassifier(n_estimators=200, learning_rate=0.05, max_depth=3)
    for name, value in evaluate(gbm, X, y).items():
        print(f"{name}: {value:.3f}")
