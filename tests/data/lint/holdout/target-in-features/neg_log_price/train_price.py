# expect: NONE
import numpy as np
import pandas as pd
from xgboost import XGBRegressor
from sklearn.model_selection import train_test_split
from sklearn.metrics import mean_absolute_error

from features import engineer, log_target, numeric_columns

cars = pd.read_csv("vehicles_clean.csv")
cars = cars[(cars["price"] > 500) & (cars["price"] < 150_000)]
cars = engineer(cars)

TARGET = "price"
cols = numeric_columns(cars, exclude=[TARGET, "id", "year"])
print("using", len(cols), "features:", cols)

X_train, X_test, p_train, p_test = train_test_split(cars[cols], cars[TARGET], test_size=0.2, random_state=5)

model = XGBRegressor(n_estimators=700, max_depth=6, learning_rate=0.05,
                     subsample=0.8, colsample_bytree=0.8)
model.fit(X_train, log_target(p_train))

pred = np.expm1(model.predict(X_test))
print("MAE: $%.0f" % mean_absolute_error(p_test, pred))
print("median abs pct error: %.2f%%" % (100 * np.median(np.abs(pred - p_test) / p_test)))
