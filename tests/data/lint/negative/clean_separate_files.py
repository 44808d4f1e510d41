# expect: clean (no finding at or above 0.5)
import pandas as pd
import numpy as np
from sklearn.ensemble import RandomForestRegressor
from sklearn.metrics import mean_absolute_error, r2_score
train = pd.read_csv("train.csv")
test = pd.read_csv("test.csv")
train = train[train["price"] < train["price"].quantile(0.99)]
all_cats = pd.concat([train["city"], test["city"]]).astype("category").cat.categories
for df in (train, test):
    df["city"] = pd.Categorical(df["city"], categories=all_cats).codes
    df["log_area"] = np.log1p(df["area"])
feats = ["city", "log_area", "rooms"]
model = RandomForestRegressor(n_estimators=300, min_samples_leaf=2, random_state=0)
model.fit(train[feats], np.log1p(train["price"]))
pred = np.expm1(model.predict(test[feats]))
print(mean_absolute_error(test["price"], pred), r2_score(test["price"], pred))
