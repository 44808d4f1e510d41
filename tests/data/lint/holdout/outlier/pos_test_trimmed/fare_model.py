# expect: OUTLIER@20
import numpy as np
import pandas as pd
import lightgbm as lgb
from sklearn.model_selection import train_test_split
from sklearn.metrics import mean_squared_error

from cleaning import drop_iqr_outliers, haversine_km

trips = pd.read_csv("taxi_trips_sample.csv", parse_dates=["pickup_datetime"])
trips["distance_km"] = haversine_km(trips["pickup_latitude"], trips["pickup_longitude"],
                                    trips["dropoff_latitude"], trips["dropoff_longitude"])
trips["hour"] = trips["pickup_datetime"].dt.hour
trips["dow"] = trips["pickup_datetime"].dt.dayofweek

train, test = train_test_split(trips, test_size=0.2, random_state=0)

check_cols = ["fare_amount", "distance_km"]
train = drop_iqr_outliers(train, check_cols, k=3.0)
test = drop_iqr_outliers(test, check_cols, k=3.0)

cols = ["distance_km", "passenger_count", "hour", "dow",
        "pickup_latitude", "pickup_longitude", "dropoff_latitude", "dropoff_longitude"]
reg = lgb.LGBMRegressor(n_estimators=1000, learning_rate=0.05, num_leaves=63)
reg.fit(train[cols], train["fare_amount"])

rmse = np.sqrt(mean_squared_error(test["fare_amount"], reg.predict(test[cols])))
print(f"test RMSE: ${rmse:.2f} on {len(test)} trips")
