# expect: no ENCODING_ERROR
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
df = pd.read_csv("d.csv")
df["size"] = df["size"].map({"small": 0, "medium": 1, "large": 2})
df["churned"] = df["churned"].map({"yes": 1, "no": 0})
df = pd.get_dummies(df, columns=["city"])
X, y = df.drop(columns="bought"), df["bought"]
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, random_state=0)
m = LogisticRegression().fit(X_train, y_train)
print(f1_score(y_test, m.predict(X_test)))
