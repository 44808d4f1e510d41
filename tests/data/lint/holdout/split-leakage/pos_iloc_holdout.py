# expect: DATA_LEAKAGE@21
import pandas as pd
import numpy as np
from sklearn.ensemble import ExtraTreesRegressor
from sklearn.metrics import mean_squared_error, r2_score

df = pd.read_csv("housing_clean.csv")
df = df.sample(frac=1.0, random_state=2024).reset_index(drop=True)
print(df.shape)

target = "median_house_value"
feats = [
    "longitude", "latitude", "housing_median_age", "total_rooms",
    "total_bedrooms", "population", "households", "median_income",
    "rooms_per_household", "ocean_dist_km",
]

n = len(df)
n_train = int(0.8 * n)
train_df = df.iloc[:n_train]
holdout_df = df.iloc[n_train - 500:]

et = ExtraTreesRegressor(
    n_estimators=500,
    min_samples_leaf=3,
    max_features=0.6,
    n_jobs=-1,
    random_state=0,
)
et.fit(train_df[feats], np.log(train_df[target]))

pred = np.exp(et.predict(holdout_df[feats]))
rmse = mean_squared_error(holdout_df[target], pred) ** 0.5
print(f"holdout rows: {len(holdout_df)}")
print(f"RMSE: {rmse:,.0f}")
print(f"R^2 : {r2_score(holdout_df[target], pred):.3f}")

imp = pd.Series(et.feature_importances_, index=feats).sort_values(ascending=False)
print(imp.head(5))
