# expect: NONE
import pandas as pd
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.model_selection import train_test_split
from sklearn.metrics import mean_absolute_percentage_error

flats = pd.read_csv("flats_for_sale.csv")
flats["floor_ratio"] = flats["floor"] / flats["n_floors"]
tr, te = train_test_split(flats, test_size=0.2, random_state=10)
tr, te = tr.copy(), te.copy()

city_mean = tr.groupby("city")["price"].mean()
district_median = tr.groupby("district")["price"].median()
for part in (tr, te):
    part["city_price_mean"] = part["city"].map(city_mean).fillna(tr["price"].mean())
    part["district_price_median"] = part["district"].map(district_median).fillna(tr["price"].median())

cols = ["area_m2", "rooms", "floor_ratio", "year_built", "city_price_mean", "district_price_median"]
gbr = GradientBoostingRegressor(n_estimators=500, max_depth=4, learning_rate=0.05, random_state=10)
gbr.fit(tr[cols], tr["price"])
print("MAPE:", mean_absolute_percentage_error(te["price"], gbr.predict(te[cols])))
