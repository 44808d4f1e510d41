# expect: DATA_LEAKAGE@18
import pandas as pd
from sklearn.model_selection import train_test_split
from xgboost import XGBRegressor
from sklearn.metrics import mean_absolute_error

prices = pd.read_csv("data/electricity_prices.csv", parse_dates=["hour"], index_col="hour")
prices = prices.sort_index()

prices["lag_1h"] = prices["price_eur_mwh"].shift(1)
prices["lag_24h"] = prices["price_eur_mwh"].shift(24)
prices["wind_share"] = prices["wind_mw"] / prices["demand_mw"]
prices["hod"] = prices.index.hour
prices = prices.dropna()

X = prices[["lag_1h", "lag_24h", "wind_share", "hod", "demand_mw"]]
y = prices["price_eur_mwh"]
X_a, X_b, y_a, y_b = train_test_split(X, y, test_size=0.2, random_state=1)

xgb = XGBRegressor(n_estimators=500, max_depth=6, learning_rate=0.05, subsample=0.8)
xgb.fit(X_a, y_a)
print("MAE EUR/MWh:", mean_absolute_error(y_b, xgb.predict(X_b)))
