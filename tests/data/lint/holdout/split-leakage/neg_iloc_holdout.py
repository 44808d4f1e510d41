# expect: NONE
import numpy as np
import pandas as pd
from sklearn.ensemble import ExtraTreesRegressor
from sklearn.metrics import mean_squared_error, r2_score

df = pd.read_csv("housing_clean.csv")
df = df.drop_duplicates().sample(frac=1.0, random_state=2024).reset_index(drop=True)

target = "median_house_value"
feats = [
    "longitude", "latitude", "housing_median_age", "total_rooms",
    "total_bedrooms", "population", "households", "median_income",
    "rooms_per_household", "ocean_dist_km",
]

n = len(df)
n_train = int(0.7 * n)
n_valid = int(0.15 * n)
train_df = df.iloc[:n_train]
valid_df = df.iloc[n_train:n_train + n_valid]
test_df = df.iloc[n_train + n_valid:]
assert len(train_df) + len(valid_df) + len(test_df) == n

best = None
for leaf in (1, 3, 5, 10):
    et = ExtraTreesRegressor(n_estimators=300, min_samples_leaf=leaf, max_features=0.6,
                             n_jobs=-1, random_state=0)
    et.fit(train_df[feats], np.log(train_df[target]))
    err = mean_squared_error(np.log(valid_df[target]), et.predict(valid_df[feats])) ** 0.5
    print(f"min_samples_leaf={leaf:2d}  valid RMSLE={err:.4f}")
    if best is None or err < best[0]:
        best = (err, leaf, et)

_, leaf, et = best
pred = np.exp(et.predict(test_df[feats]))
print(f"chosen min_samples_leaf={leaf}")
print(f"test RMSE: {mean_squared_error(test_df[target], pred) ** 0.5:,.0f}")
print(f"test R^2 : {r2_score(test_df[target], pred):.3f}")
