# expect: NONE
import pandas as pd
from sklearn.model_selection import train_test_split
from xgboost import XGBRegressor
from sklearn.metrics import mean_absolute_error

homes = pd.read_csv("data/homes.csv")
homes["age"] = 2024 - homes["year_built"]
homes["rooms_per_floor"] = homes["rooms"] / homes["floors"]

X = homes[["sqft", "rooms", "floors", "age", "rooms_per_floor", "lot_sqft"]]
y = homes["price"]
X_a, X_b, y_a, y_b = train_test_split(X, y, test_size=0.2, random_state=1)

xgb = XGBRegressor(n_estimators=500, max_depth=6, learning_rate=0.05, subsample=0.8)
xgb.fit(X_a, y_a)
print("MAE:", mean_absolute_error(y_b, xgb.predict(X_b)))
print("baseline MAE:", mean_absolute_error(y_b, [y_a.median()] * len(y_b)))
