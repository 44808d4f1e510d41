# expect: DATA_LEAKAGE target-in-features
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import GradientBoostingRegressor
df = pd.read_csv("sales.csv")
y = df["revenue"]
X = df.drop(columns=["store_id"])
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
print(GradientBoostingRegressor().fit(X_train, y_train).score(X_test, y_test))
