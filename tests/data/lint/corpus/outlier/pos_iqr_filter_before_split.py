# expect: OUTLIER@11
import pandas as pd
from sklearn.ensemble import RandomForestRegressor
from sklearn.metrics import mean_absolute_error
from sklearn.model_selection import train_test_split

trips = pd.read_csv("taxi_trips.csv")

q1, q3 = trips["trip_duration_s"].quantile([0.25, 0.75])
iqr = q3 - q1
trips = trips[trips["trip_duration_s"].between(q1 - 1.5 * iqr, q3 + 1.5 * iqr)]

X = trips[["distance_km", "pickup_hour", "weekday", "passenger_count", "pickup_zone_id"]]
y = trips["trip_duration_s"]
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=2)

rf = RandomForestRegressor(n_estimators=300, min_samples_leaf=5, n_jobs=-1, random_state=2)
rf.fit(X_tr, y_tr)
print("MAE seconds:", round(mean_absolute_error(y_te, rf.predict(X_te)), 1))
