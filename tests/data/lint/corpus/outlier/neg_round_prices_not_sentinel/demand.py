# expect: NONE
import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.metrics import mean_absolute_error
from sklearn.model_selection import KFold, cross_val_predict

catalogue = pd.read_csv("data/catalogue.csv")
catalogue["log_price"] = np.log(catalogue["list_price"])

X = catalogue[["log_price", "discount_pct"]]
y = catalogue["units_sold"]

model = HistGradientBoostingRegressor(loss="poisson", max_iter=300, learning_rate=0.05)
pred = cross_val_predict(model, X, y, cv=KFold(5, shuffle=True, random_state=0))
print("CV MAE (units):", round(mean_absolute_error(y, pred), 2))
