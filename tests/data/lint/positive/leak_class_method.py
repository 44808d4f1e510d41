# expect: DATA_LEAKAGE fit-before-split
import pandas as pd
from sklearn.preprocessing import StandardScaler
from sklearn.feature_selection import SelectKBest
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score


class Trainer:
    def __init__(self, k=10):
        self.scaler = StandardScaler()
        self.selector = SelectKBest(k=k)
        self.model = LogisticRegression(max_iter=1000)

    def prepare(self, X, y):
        X = self.scaler.fit_transform(X)
        return self.selector.fit_transform(X, y)

    def run(self, df):
        X, y = df.drop(columns="label"), df["label"]
        X = self.prepare(X, y)
        X_tr, X_te, y_tr, y_te = train_test_split(X, y, stratify=y, random_state=0)
        self.model.fit(X_tr, y_tr)
        return roc_auc_score(y_te, self.model.predict_proba(X_te)[:, 1])


if __name__ == "__main__":
    print(Trainer().run(pd.read_csv("data.csv")))
