# expect: DATA_LEAKAGE@12
import numpy as np
import pandas as pd
import lightgbm as lgb
from sklearn.model_selection import train_test_split
from sklearn.metrics import mean_squared_log_error

listings = pd.read_csv("airbnb_listings.csv")
listings = listings[listings["price"].between(10, 2000)]
listings["log_price"] = np.log1p(listings["price"])

listings["neigh_price"] = listings.groupby("neighbourhood")["log_price"].transform("mean")
listings["room_neigh"] = listings["neighbourhood"] + "|" + listings["room_type"]
listings["room_neigh_n"] = listings.groupby("room_neigh")["id"].transform("count")
listings["amenity_count"] = listings["amenities"].str.count(",") + 1
listings["host_years"] = 2024 - pd.to_datetime(listings["host_since"]).dt.year

features = [
    "accommodates", "bedrooms", "beds", "bathrooms", "minimum_nights",
    "number_of_reviews", "review_scores_rating", "amenity_count",
    "host_years", "neigh_price", "room_neigh_n", "latitude", "longitude",
]

tr, te = train_test_split(listings, test_size=0.2, random_state=17)

reg = lgb.LGBMRegressor(n_estimators=800, learning_rate=0.03, num_leaves=31,
                        min_child_samples=20, colsample_bytree=0.8)
reg.fit(tr[features], tr["log_price"])

pred = np.expm1(reg.predict(te[features]))
print("RMSLE:", np.sqrt(mean_squared_log_error(te["price"], pred)))
