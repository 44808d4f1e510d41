# expect: DATA_LEAKAGE@28
import pandas as pd
import numpy as np
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.model_selection import train_test_split
from sklearn.metrics import mean_absolute_percentage_error

df = pd.read_csv("data/load.csv", parse_dates=["timestamp"])
df = df.set_index("timestamp").sort_index()
print(df.index.min(), "->", df.index.max(), len(df), "hours")

# calendar features
df["hour"] = df.index.hour
df["dow"] = df.index.dayofweek
df["weekend"] = (df["dow"] >= 5).astype(int)

# autoregressive features (strictly past values)
for lag in (1, 2, 3, 24, 48):
    df[f"load_lag{lag}"] = df["load_mw"].shift(lag)
df["load_ma24"] = df["load_mw"].shift(1).rolling(24).mean()
df["temp_ma6"] = df["temperature"].rolling(6, min_periods=1).mean()

df = df.dropna()
feature_cols = [c for c in df.columns if c != "load_mw"]
X = df[feature_cols]
y = df["load_mw"]

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=7)

model = HistGradientBoostingRegressor(max_iter=300, learning_rate=0.05, max_leaf_nodes=31)
model.fit(X_train, y_train)

preds = model.predict(X_test)
print(f"MAPE: {mean_absolute_percentage_error(y_test, preds):.3%}")
print("hours in test set:", len(y_test))
