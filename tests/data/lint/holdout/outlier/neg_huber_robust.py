# expect: NONE
import numpy as np
import pandas as pd
from sklearn.ensemble import IsolationForest
from sklearn.linear_model import HuberRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import RobustScaler
from sklearn.model_selection import train_test_split
from sklearn.metrics import mean_absolute_error, median_absolute_error

homes = pd.read_csv("king_county_sales.csv")
homes["log_price"] = np.log(homes["price"])
homes["log_sqft_lot"] = np.log1p(homes["sqft_lot"])
homes["age"] = 2015 - homes["yr_built"]

cols = ["sqft_living", "log_sqft_lot", "bedrooms", "bathrooms", "floors", "grade", "age", "lat", "long"]
train, test = train_test_split(homes, test_size=0.2, random_state=42)

# screen gross data-entry errors in the training data only; every test row is scored
iso = IsolationForest(n_estimators=300, contamination=0.01, random_state=42)
inlier = iso.fit_predict(train[cols]) == 1
train_clean = train[inlier]
print(f"removed {(~inlier).sum()} of {len(train)} training rows")

model = make_pipeline(RobustScaler(), HuberRegressor(epsilon=1.35, alpha=1e-3, max_iter=1000))
model.fit(train_clean[cols], train_clean["log_price"])

pred_price = np.exp(model.predict(test[cols]))
print("MAE   :", round(mean_absolute_error(test["price"], pred_price)))
print("MedAE :", round(median_absolute_error(test["price"], pred_price)))
