# expect: IMBALANCE@15
import pandas as pd
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.model_selection import StratifiedKFold, cross_val_score


def load_features(path):
    subs = pd.read_csv(path)
    X = subs.drop(columns=["customer_id", "churned"])
    return X, subs["churned"]


def evaluate(model, X, y):
    cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=3)
    scores = cross_val_score(model, X, y, cv=cv, scoring="accuracy")
    return scores.mean(), scores.std()


if __name__ == "__main__":
    X, y = load_features("data/subscribers.csv")
    gbm = GradientBoostingClassifier(n_estimators=200, learning_rate=0.05, max_depth=3)
    mean, sd = evaluate(gbm, X, y)
    print(f"5-fold score: {mean:.3f} ({sd:.3f})")
