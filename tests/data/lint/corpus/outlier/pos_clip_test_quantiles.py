# expect: OUTLIER@22
import pandas as pd
from sklearn.linear_model import HuberRegressor
from sklearn.metrics import mean_absolute_error
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

COLS = ["sessions", "pageviews", "avg_order_value", "basket_size", "coupon_uses"]

train = pd.read_csv("shops_h1.csv")
test = pd.read_csv("shops_h2.csv")


def clip_frame(df, lower=0.01, upper=0.99):
    lo, hi = df[COLS].quantile(lower), df[COLS].quantile(upper)
    out = df.copy()
    out[COLS] = out[COLS].clip(lo, hi, axis=1)
    return out


train = clip_frame(train)
test = clip_frame(test)

model = make_pipeline(StandardScaler(), HuberRegressor(epsilon=1.5, max_iter=500))
model.fit(train[COLS], train["revenue"])
print("H2 MAE:", mean_absolute_error(test["revenue"], model.predict(test[COLS])))
