# expect: SCALING_ERROR test-stats-scaling
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
train = pd.read_csv("train.csv"); test = pd.read_csv("test.csv")
X_train = (train[["a", "b"]] - train[["a", "b"]].mean()) / train[["a", "b"]].std()
X_test = (test[["a", "b"]] - test[["a", "b"]].mean()) / test[["a", "b"]].std()
m = LogisticRegression().fit(X_train, train["y"])
print(f1_score(test["y"], m.predict(X_test)))
