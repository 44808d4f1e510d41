# expect: NONE
import pandas as pd
from sklearn.linear_model import HuberRegressor
from sklearn.metrics import mean_absolute_error
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

COLS = ["sessions", "pageviews", "avg_order_value", "basket_size", "coupon_uses"]

train = pd.read_csv("shops_h1.csv")
test = pd.read_csv("shops_h2.csv")

lo = train[COLS].quantile(0.01)
hi = train[COLS].quantile(0.99)
train[COLS] = train[COLS].clip(lo, hi, axis=1)
test[COLS] = test[COLS].clip(lo, hi, axis=1)

model = make_pipeline(StandardScaler(), HuberRegressor(epsilon=1.5, max_iter=500))
model.fit(train[COLS], train["revenue"])
print("H2 MAE:", mean_absolute_error(test["revenue"], model.predict(test[COLS])))
