# expect: DATA_LEAKAGE@11
import pandas as pd
from sklearn.linear_model import HuberRegressor
from sklearn.model_selection import train_test_split
from sklearn.metrics import median_absolute_error

from builder import FeatureBuilder

trips = pd.read_csv("taxi_trips.csv")
fb = FeatureBuilder(target="fare", cat_cols=["pickup_zone", "dropoff_zone", "vendor"])
table = fb.fit(trips).transform(trips)

X = table.drop(columns=["fare", "trip_id"])
y = table["fare"]
X_1, X_2, y_1, y_2 = train_test_split(X, y, test_size=0.2, random_state=77)
hub = HuberRegressor(epsilon=1.5, max_iter=1000).fit(X_1, y_1)
print("median abs error $", round(median_absolute_error(y_2, hub.predict(X_2)), 2))
