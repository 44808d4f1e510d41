# expect: DATA_LEAKAGE@10-11
import numpy as np
import pandas as pd
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.model_selection import train_test_split
from sklearn.metrics import mean_absolute_percentage_error

flats = pd.read_csv("flats_for_sale.csv")
flats["log_area"] = np.log(flats["area_m2"].clip(lower=10))
flats["city_price_mean"] = flats.groupby("city")["price"].transform("mean")
flats["district_price_median"] = flats.groupby("district")["price"].transform("median")
flats["floor_ratio"] = flats["floor"] / flats["n_floors"]

cols = ["log_area", "rooms", "floor_ratio", "year_built", "city_price_mean", "district_price_median"]
tr, te = train_test_split(flats, test_size=0.2, random_state=10)
gbr = GradientBoostingRegressor(n_estimators=500, max_depth=4, learning_rate=0.05, random_state=10)
gbr.fit(tr[cols], tr["price"])
print("MAPE:", mean_absolute_percentage_error(te["price"], gbr.predict(te[cols])))
