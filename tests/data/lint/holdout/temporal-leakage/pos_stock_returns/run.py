import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.model_selection import TimeSeriesSplit, cross_val_score

from features import FEATURES, add_indicators

prices = pd.read_csv("prices/SPY.csv", parse_dates=["date"], index_col="date").sort_index()
data = add_indicators(prices)

# label: does tomorrow close higher than today?
data["target"] = (data["close"].shift(-1) > data["close"]).astype(int)
data = data.iloc[:-1].dropna(subset=FEATURES)

X = data[FEATURES]
y = data["target"]

clf = make_pipeline(StandardScaler(), LogisticRegression(C=0.5, max_iter=2000))
tscv = TimeSeriesSplit(n_splits=6, gap=1)
scores = cross_val_score(clf, X, y, cv=tscv, scoring="roc_auc")

print("fold AUCs:", scores.round(3))
print("mean AUC: %.3f" % scores.mean())

holdout_start = "2023-01-01"
clf.fit(X[X.index < holdout_start], y[y.index < holdout_start])
hold = X.index >= holdout_start
print("holdout accuracy:", clf.score(X[hold], y[hold]))
print("up-day base rate:", y[hold].mean())
