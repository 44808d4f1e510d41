# expect: no OUTLIER
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import Ridge
from sklearn.metrics import mean_squared_error
df = pd.read_csv("d.csv")
train, test = train_test_split(df, random_state=0)
q1, q3 = train["price"].quantile(0.25), train["price"].quantile(0.75)
train = train[train["price"].between(q1 - 1.5 * (q3 - q1), q3 + 1.5 * (q3 - q1))]
m = Ridge().fit(train[["a"]], train["price"])
print(mean_squared_error(test["price"], m.predict(test[["a"]])))
