# expect: NONE
import pandas as pd
import lightgbm as lgb
from sklearn.metrics import mean_squared_error

sales = pd.read_csv("sku_sales.csv", parse_dates=["day"]).sort_values(["sku", "day"])
g = sales.groupby("sku")["units"]
sales["lag_7"] = g.shift(7)
sales["lag_14"] = g.shift(14)
sales["roll_28"] = g.transform(lambda s: s.shift(7).rolling(28).mean())
sales["ewm_7"] = g.transform(lambda s: s.shift(7).ewm(span=7).mean())
sales["diff_7_14"] = sales["lag_7"] - sales["lag_14"]
sales["month"] = sales["day"].dt.month
sales = sales.dropna()

cols = ["lag_7", "lag_14", "roll_28", "ewm_7", "diff_7_14", "month", "price", "promo"]
history = sales[sales["day"] < "2023-10-01"]
october = sales[(sales["day"] >= "2023-10-01") & (sales["day"] < "2023-11-01")]

model = lgb.LGBMRegressor(n_estimators=600, learning_rate=0.03, num_leaves=63)
model.fit(history[cols], history["units"])
rmse = mean_squared_error(october["units"], model.predict(october[cols])) ** 0.5
print(f"October RMSE: {rmse:.2f}")
