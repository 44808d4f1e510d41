# expect: clean (no finding at or above 0.5)
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import f1_score
from sklearn.model_selection import train_test_split

def add_features(frame):
    frame = frame.copy()
    frame["ratio"] = frame["debt"] / (frame["income"] + 1)
    return frame

df = add_features(pd.read_csv("credit.csv"))
train, test = train_test_split(df, test_size=0.2, stratify=df["bad"], random_state=0)
medians = train.median(numeric_only=True)
train = train.fillna(medians)
test = test.fillna(medians)
feats = ["debt", "income", "ratio"]
rf = RandomForestClassifier(n_estimators=400, min_samples_leaf=3, random_state=0).fit(train[feats], train["bad"])
print(f1_score(test["bad"], rf.predict(test[feats])))
