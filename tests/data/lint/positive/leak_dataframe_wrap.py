# expect: DATA_LEAKAGE fit-before-split
import pandas as pd
from sklearn.preprocessing import StandardScaler
from sklearn.model_selection import train_test_split
from sklearn.svm import SVC
df = pd.read_csv("a.csv")
X, y = df.drop(columns="t"), df["t"]
X = pd.DataFrame(StandardScaler().fit_transform(X), columns=X.columns)
X_tr, X_te, y_tr, y_te = train_test_split(X, y, random_state=0)
print(SVC().fit(X_tr, y_tr).score(X_te, y_te))
