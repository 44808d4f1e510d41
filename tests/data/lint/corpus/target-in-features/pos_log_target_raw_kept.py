# expect: DATA_LEAKAGE@13
import numpy as np
import pandas as pd
from sklearn.linear_model import LassoCV
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

cars = pd.read_csv("used_cars_numeric.csv")
cars["log_price"] = np.log(cars["price"])
cars["km_per_year"] = cars["odometer_km"] / (2024 - cars["year"]).clip(lower=1)

X = cars.drop(columns=["log_price"])
y = cars["log_price"]
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=20)

model = make_pipeline(StandardScaler(), LassoCV(cv=5, random_state=20)).fit(X_tr, y_tr)
rmse = np.sqrt(np.mean((model.predict(X_te) - y_te) ** 2))
print(f"RMSE (log-price): {rmse:.4f}")
