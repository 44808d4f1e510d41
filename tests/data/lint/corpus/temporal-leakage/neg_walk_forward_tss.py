# expect: NONE
import numpy as np
import pandas as pd
from sklearn.ensemble import RandomForestRegressor
from sklearn.metrics import mean_absolute_error
from sklearn.model_selection import TimeSeriesSplit

df = pd.read_csv("daily_sales.csv", parse_dates=["date"]).sort_values("date")
for lag in (1, 7, 14, 28):
    df[f"lag_{lag}"] = df["sales"].shift(lag)
df["roll_mean_7"] = df["sales"].shift(1).rolling(7).mean()
df["dow"] = df["date"].dt.dayofweek
df = df.dropna().reset_index(drop=True)

cols = ["lag_1", "lag_7", "lag_14", "lag_28", "roll_mean_7", "dow"]
X, y = df[cols].to_numpy(), df["sales"].to_numpy()

tscv = TimeSeriesSplit(n_splits=5, test_size=30)
maes = []
for fold, (tr, te) in enumerate(tscv.split(X)):
    m = RandomForestRegressor(n_estimators=200, random_state=fold)
    m.fit(X[tr], y[tr])
    maes.append(mean_absolute_error(y[te], m.predict(X[te])))
    print(f"fold {fold}: train through row {tr[-1]}, MAE {maes[-1]:.2f}")
print("walk-forward MAE:", np.mean(maes))
