# expect: DATA_LEAKAGE fit-before-split
import pandas as pd
from sklearn.impute import SimpleImputer
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
def main():
    df = pd.read_csv("d.csv")
    X, y = df.drop(columns="label"), df["label"]
    imp = SimpleImputer(strategy="median")
    imp.fit(X)
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, random_state=1)
    clf = RandomForestClassifier(max_depth=6).fit(imp.transform(X_tr), y_tr)
    print(clf.score(imp.transform(X_te), y_te))
main()
