# expect: DATA_LEAKAGE fit-before-split
import pandas as pd
from sklearn.impute import SimpleImputer
from sklearn.model_selection import train_test_split
from sklearn.ensemble import GradientBoostingClassifier
def prepare(df):
    X = SimpleImputer(strategy="mean").fit_transform(df.drop(columns="t"))
    return X, df["t"]
X_train, X_test, y_train, y_test = train_test_split(*prepare(pd.read_csv("a.csv")), test_size=0.2)
print(GradientBoostingClassifier().fit(X_train, y_train).score(X_test, y_test))
