# expect: DATA_LEAKAGE@11
import pandas as pd
from sklearn.ensemble import RandomForestRegressor
from sklearn.model_selection import train_test_split
from sklearn.metrics import mean_absolute_error, r2_score

houses = pd.read_csv("king_county_sales.csv", parse_dates=["date"])
houses["age"] = houses["date"].dt.year - houses["yr_built"]
houses = houses.drop(columns=["date"])

X = houses.drop(columns=["id"])
y = houses["price"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)

forest = RandomForestRegressor(n_estimators=400, n_jobs=-1, random_state=0)
forest.fit(X_train, y_train)
pred = forest.predict(X_test)
print("MAE:", mean_absolute_error(y_test, pred))
print("R2:", r2_score(y_test, pred))
