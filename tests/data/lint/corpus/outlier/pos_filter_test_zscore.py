# expect: OUTLIER@15
import numpy as np
import pandas as pd
from scipy import stats
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.metrics import mean_absolute_percentage_error
from sklearn.model_selection import train_test_split

rentals = pd.read_csv("listings_clean.csv")
features = ["accommodates", "bedrooms", "bathrooms", "review_score", "dist_centre_km", "min_nights"]

train, test = train_test_split(rentals, test_size=0.2, random_state=0)

train = train[(np.abs(stats.zscore(train["nightly_price"])) < 3)]
test = test[(np.abs(stats.zscore(test["nightly_price"])) < 3)]

gbr = GradientBoostingRegressor(n_estimators=500, learning_rate=0.05, max_depth=3, subsample=0.8)
gbr.fit(train[features], train["nightly_price"])
print("test MAPE:", mean_absolute_percentage_error(test["nightly_price"], gbr.predict(test[features])))
