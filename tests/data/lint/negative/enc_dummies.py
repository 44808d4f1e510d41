# expect: no ENCODING_ERROR
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
df = pd.read_csv("d.csv")
train_df, test_df = train_test_split(df, test_size=0.3, random_state=0)
X_train = pd.get_dummies(train_df.drop(columns="y"))
X_test = pd.get_dummies(test_df.drop(columns="y")).reindex(columns=X_train.columns, fill_value=0)
m = LogisticRegression(max_iter=500).fit(X_train, train_df["y"])
print(f1_score(test_df["y"], m.predict(X_test)))
