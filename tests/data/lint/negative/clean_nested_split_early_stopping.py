# expect: clean (no finding at or above 0.5)
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.metrics import mean_absolute_error

def load():
    df = pd.read_csv("prices.csv")
    return df.drop(columns=["price"]), df["price"]

X, y = load()
X_train_full, X_test, y_train_full, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
X_train, X_val, y_train, y_val = train_test_split(X_train_full, y_train_full, test_size=0.2, random_state=0)
best, best_mae = None, float("inf")
for lr in (0.03, 0.1, 0.3):
    m = HistGradientBoostingRegressor(learning_rate=lr, random_state=0).fit(X_train, y_train)
    mae = mean_absolute_error(y_val, m.predict(X_val))
    if mae < best_mae:
        best, best_mae = m, mae
best.fit(X_train_full, y_train_full)
print("test MAE", mean_absolute_error(y_test, best.predict(X_test)))
