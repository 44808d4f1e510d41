# expect: DATA_LEAKAGE@10
import pandas as pd
from sklearn.ensemble import RandomForestRegressor
from sklearn.model_selection import train_test_split
from sklearn.metrics import mean_absolute_error

from features import add_features

listings = pd.read_csv("data/listings.csv")
listings = add_features(listings)

cols = ["neighbourhood_te", "host_te", "accommodates", "beds", "beds_per_guest", "review_score"]
part1, part2 = train_test_split(listings, test_size=0.2, random_state=31)

rf = RandomForestRegressor(n_estimators=400, min_samples_leaf=2, random_state=31)
rf.fit(part1[cols], part1["price"])
print("MAE per night:", mean_absolute_error(part2["price"], rf.predict(part2[cols])))
