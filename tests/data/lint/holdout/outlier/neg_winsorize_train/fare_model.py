# expect: NONE
import numpy as np
import pandas as pd
import lightgbm as lgb
from sklearn.model_selection import train_test_split
from sklearn.metrics import mean_squared_error

from cleaning import QuantileClipper, haversine_km

trips = pd.read_csv("taxi_trips_sample.csv", parse_dates=["pickup_datetime"])
trips["distance_km"] = haversine_km(trips["pickup_latitude"], trips["pickup_longitude"],
                                    trips["dropoff_latitude"], trips["dropoff_longitude"])
trips["hour"] = trips["pickup_datetime"].dt.hour
trips["dow"] = trips["pickup_datetime"].dt.dayofweek

train, test = train_test_split(trips, test_size=0.2, random_state=0)

# clip extreme GPS distances using training quantiles; test rows are all kept
clipper = QuantileClipper(["distance_km", "passenger_count"]).fit(train)
train = clipper.transform(train)
test = clipper.transform(test)

cols = ["distance_km", "passenger_count", "hour", "dow",
        "pickup_latitude", "pickup_longitude", "dropoff_latitude", "dropoff_longitude"]
reg = lgb.LGBMRegressor(n_estimators=1000, learning_rate=0.05, num_leaves=63, objective="huber")
reg.fit(train[cols], train["fare_amount"])

rmse = np.sqrt(mean_squared_error(test["fare_amount"], reg.predict(test[cols])))
print(f"test RMSE: ${rmse:.2f} on {len(test)} trips")
