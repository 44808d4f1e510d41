# expect: DATA_LEAKAGE@13
import pandas as pd
import lightgbm as lgb
from sklearn.metrics import mean_squared_error


def build_features(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    g = out.groupby("sku")["units"]
    out["lag_7"] = g.shift(7)
    out["lag_14"] = g.shift(14)
    out["roll_28"] = g.transform(lambda s: s.shift(7).rolling(28).mean())
    out["delta"] = g.diff(-1)
    out["month"] = out["day"].dt.month
    return out.dropna()


sales = pd.read_csv("sku_sales.csv", parse_dates=["day"])
sales = sales.sort_values(["sku", "day"])
feats_df = build_features(sales)

cols = ["lag_7", "lag_14", "roll_28", "delta", "month", "price", "promo"]
history = feats_df[feats_df["day"] < "2023-10-01"]
october = feats_df[feats_df["day"] >= "2023-10-01"]

model = lgb.LGBMRegressor(n_estimators=600, learning_rate=0.03, num_leaves=63)
model.fit(history[cols], history["units"])
rmse = mean_squared_error(october["units"], model.predict(october[cols])) ** 0.5
print(f"October RMSE: {rmse:.2f}")
