# expect: NONE
import numpy as np
import pandas as pd
import lightgbm as lgb
from sklearn.model_selection import KFold, train_test_split
from sklearn.metrics import mean_squared_log_error

listings = pd.read_csv("airbnb_listings.csv")
listings = listings[listings["price"].between(10, 2000)].reset_index(drop=True)
listings["log_price"] = np.log1p(listings["price"])
listings["amenity_count"] = listings["amenities"].str.count(",") + 1

tr, te = train_test_split(listings, test_size=0.2, random_state=17)
tr, te = tr.copy(), te.copy()


def oof_mean(train, col, target, n_splits=5, seed=0):
    """Out-of-fold means for the training rows, so no row sees its own label."""
    enc = pd.Series(np.nan, index=train.index)
    for fit_idx, enc_idx in KFold(n_splits, shuffle=True, random_state=seed).split(train):
        means = train.iloc[fit_idx].groupby(col)[target].mean()
        enc.iloc[enc_idx] = train[col].iloc[enc_idx].map(means).values
    return enc.fillna(train[target].mean())


tr["neigh_price"] = oof_mean(tr, "neighbourhood", "log_price")
full_means = tr.groupby("neighbourhood")["log_price"].mean()
te["neigh_price"] = te["neighbourhood"].map(full_means).fillna(tr["log_price"].mean())

features = [
    "accommodates", "bedrooms", "beds", "bathrooms", "minimum_nights",
    "number_of_reviews", "review_scores_rating", "amenity_count",
    "neigh_price", "latitude", "longitude",
]
reg = lgb.LGBMRegressor(n_estimators=800, learning_rate=0.03, num_leaves=31,
                        min_child_samples=20, colsample_bytree=0.8)
reg.fit(tr[features], tr["log_price"])

pred = np.expm1(reg.predict(te[features]))
print("RMSLE:", np.sqrt(mean_squared_log_error(te["price"], pred)))
