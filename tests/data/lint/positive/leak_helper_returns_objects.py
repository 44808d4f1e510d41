# expect: DATA_LEAKAGE fit-before-split
import pandas as pd
from sklearn.preprocessing import StandardScaler
from sklearn.feature_selection import SelectKBest
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
def preprocess(X, y, k):
    scaler = StandardScaler()
    Xs = scaler.fit_transform(X)
    sel = SelectKBest(k=k)
    return sel.fit_transform(Xs, y), scaler, sel
def main():
    df = pd.read_csv("a.csv")
    X, y = df.drop(columns="t"), df["t"]
    X_model, scaler, sel = preprocess(X, y, 5)
    X_tr, X_te, y_tr, y_te = train_test_split(X_model, y, random_state=0)
    print(LogisticRegression().fit(X_tr, y_tr).score(X_te, y_te))
main()
