# expect: SCALING_ERROR scaled-target
from sklearn.preprocessing import StandardScaler
from sklearn.linear_model import LogisticRegression
import pandas as pd
df = pd.read_csv("d.csv")
X = StandardScaler().fit_transform(df[["a", "b"]])
y = StandardScaler().fit_transform(df[["label"]]).ravel()
clf = LogisticRegression().fit(X, y)
