# expect: no DATA_LEAKAGE
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import Ridge
from sklearn.metrics import mean_absolute_error
df = pd.read_csv("houses.csv")
print(df.describe(), df["price"].mean())
X, y = df[["area", "rooms"]], df["price"]
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
means = X_train.mean()
X_train = X_train.fillna(means)
X_test = X_test.fillna(means)
m = Ridge().fit(X_train, y_train)
print(mean_absolute_error(y_test, m.predict(X_test)))
