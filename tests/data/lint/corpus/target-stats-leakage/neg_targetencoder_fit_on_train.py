# expect: NONE
import pandas as pd
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import TargetEncoder
from sklearn.metrics import mean_absolute_error

trips = pd.read_csv("taxi_trips.csv")
cats = ["pickup_zone", "dropoff_zone", "vendor"]
nums = ["distance_km", "passengers", "hour"]
tr, te = train_test_split(trips, test_size=0.2, random_state=77)

enc = TargetEncoder(target_type="continuous", random_state=0)
tr_cats = enc.fit_transform(tr[cats], tr["fare"])
te_cats = enc.transform(te[cats])

hgb = HistGradientBoostingRegressor(max_iter=400, learning_rate=0.05)
hgb.fit(pd.concat([pd.DataFrame(tr_cats, index=tr.index), tr[nums]], axis=1).to_numpy(), tr["fare"])
pred = hgb.predict(pd.concat([pd.DataFrame(te_cats, index=te.index), te[nums]], axis=1).to_numpy())
print("MAE $", round(mean_absolute_error(te["fare"], pred), 2))
