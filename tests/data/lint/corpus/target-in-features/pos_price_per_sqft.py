# expect: DATA_LEAKAGE@13
import numpy as np
import pandas as pd
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.model_selection import train_test_split
from sklearn.metrics import mean_absolute_percentage_error

homes = pd.read_csv("listings_sold.csv")
homes["price_per_sqft"] = homes["sold_price"] / homes["sqft"]
homes["log_lot"] = np.log1p(homes["lot_sqft"])
homes["baths_per_bed"] = homes["baths"] / homes["beds"].clip(lower=1)

cols = ["sqft", "beds", "baths", "baths_per_bed", "log_lot", "year_built", "price_per_sqft"]
tr, te = train_test_split(homes, test_size=0.2, random_state=14)
gbr = GradientBoostingRegressor(n_estimators=600, max_depth=4, learning_rate=0.05)
gbr.fit(tr[cols], tr["sold_price"])
print("MAPE:", mean_absolute_percentage_error(te["sold_price"], gbr.predict(te[cols])))
