# expect: clean (no finding at or above 0.5)
import pandas as pd
from sklearn.linear_model import Ridge
from sklearn.model_selection import train_test_split
from sklearn.metrics import mean_squared_error

df = pd.read_csv("houses.csv")
X, y = df[["area", "rooms", "age"]], df["price"]
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=3)
lo, hi = X_train.quantile(0.01), X_train.quantile(0.99)
X_train = X_train.clip(lo, hi, axis=1)
X_test = X_test.clip(lo, hi, axis=1)
model = Ridge(alpha=1.0).fit(X_train, y_train)
print(mean_squared_error(y_test, model.predict(X_test)) ** 0.5)
