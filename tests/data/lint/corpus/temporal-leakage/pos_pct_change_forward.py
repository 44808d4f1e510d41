# expect: DATA_LEAKAGE@10
import pandas as pd
from sklearn.ensemble import RandomForestRegressor
from sklearn.metrics import r2_score

weekly = pd.read_csv("store_weekly.csv", parse_dates=["week"])
weekly = weekly.sort_values(["store_id", "week"])

by_store = weekly.groupby("store_id")
weekly["growth_4w"] = by_store["revenue"].pct_change(periods=-4)
weekly["rev_lag1"] = by_store["revenue"].shift(1)
weekly["rev_lag52"] = by_store["revenue"].shift(52)
weekly["is_holiday"] = weekly["week"].dt.isocalendar().week.isin([47, 51, 52]).astype(int)
weekly = weekly.dropna(subset=["growth_4w", "rev_lag1", "rev_lag52"])

inputs = ["growth_4w", "rev_lag1", "rev_lag52", "is_holiday", "footfall"]
train_rows = weekly["week"] < "2023-01-01"
rf = RandomForestRegressor(n_estimators=400, min_samples_leaf=3, n_jobs=-1, random_state=0)
rf.fit(weekly.loc[train_rows, inputs], weekly.loc[train_rows, "revenue"])

holdout = weekly.loc[~train_rows]
print("R2 2023:", r2_score(holdout["revenue"], rf.predict(holdout[inputs])))
