# expect: NONE
import numpy as np
import pandas as pd
from sklearn.ensemble import RandomForestRegressor
from sklearn.model_selection import TimeSeriesSplit, cross_val_score

df = pd.read_csv("data/daily_sales.csv", parse_dates=["date"])
df = df.sort_values("date").reset_index(drop=True)

for lag in (1, 2, 7, 14):
    df[f"lag_{lag}"] = df["sales"].shift(lag)
df["roll7"] = df["sales"].shift(1).rolling(7).mean()
df["dow"] = df["date"].dt.dayofweek
df = df.dropna().reset_index(drop=True)

X = df[["lag_1", "lag_2", "lag_7", "lag_14", "roll7", "dow", "promo"]].to_numpy()
y = df["sales"].to_numpy()

cv = TimeSeriesSplit(n_splits=5, gap=7)
rf = RandomForestRegressor(n_estimators=300, random_state=42)
scores = cross_val_score(rf, X, y, cv=cv, scoring="neg_mean_absolute_error")
print("CV MAE: %.2f +/- %.2f" % (-scores.mean(), scores.std()))
print("naive MAE:", np.abs(np.diff(y)).mean())
