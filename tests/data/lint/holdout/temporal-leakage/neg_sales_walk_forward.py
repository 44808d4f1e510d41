"""Weekly demand model validated with an expanding-window backtest."""
# expect: NONE
import numpy as np
import pandas as pd
from xgboost import XGBRegressor
from sklearn.model_selection import TimeSeriesSplit
from sklearn.metrics import mean_squared_error

df = pd.read_csv("weekly_demand.csv", parse_dates=["week"]).sort_values(["sku", "week"])

by_sku = df.groupby("sku")["units"]
for k in (1, 2, 4, 52):
    df[f"units_lag{k}"] = by_sku.shift(k)
df["units_rmean4"] = by_sku.transform(lambda s: s.shift(1).rolling(4).mean())
df["units_rmax8"] = by_sku.transform(lambda s: s.shift(1).rolling(8).max())
df["price_change"] = df.groupby("sku")["price"].diff()
df["weekofyear"] = df["week"].dt.isocalendar().week.astype(int)
df = df.dropna().sort_values("week").reset_index(drop=True)

features = [c for c in df.columns if c.startswith("units_")] + ["price", "price_change", "weekofyear", "promo"]
X, y = df[features], np.log1p(df["units"])

weeks = df["week"].unique()
splitter = TimeSeriesSplit(n_splits=5, test_size=8)
rmses = []
for fold, (tr_w, te_w) in enumerate(splitter.split(weeks)):
    tr_mask = df["week"].isin(weeks[tr_w])
    te_mask = df["week"].isin(weeks[te_w])
    model = XGBRegressor(n_estimators=500, max_depth=6, learning_rate=0.05,
                         subsample=0.8, colsample_bytree=0.8)
    model.fit(X[tr_mask], y[tr_mask])
    rmse = mean_squared_error(y[te_mask], model.predict(X[te_mask])) ** 0.5
    rmses.append(rmse)
    print(f"fold {fold}: train until {weeks[tr_w].max():%Y-%m-%d}  RMSLE={rmse:.4f}")

print("mean RMSLE:", np.mean(rmses))
