# expect: ENCODING_ERROR ordinal-nominal
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
df = pd.read_csv("d.csv")
df["city"] = df["city"].map({"Paris": 0, "Lyon": 1, "Nice": 2, "Lille": 3})
X, y = df[["city", "age"]], df["bought"]
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, random_state=0)
m = LogisticRegression().fit(X_train, y_train)
print(f1_score(y_test, m.predict(X_test)))
