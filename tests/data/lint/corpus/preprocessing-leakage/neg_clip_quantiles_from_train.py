# expect: NONE
import numpy as np
import pandas as pd
from sklearn.linear_model import HuberRegressor
from sklearn.model_selection import train_test_split
from sklearn.metrics import mean_absolute_error

claims = pd.read_csv("medical_costs.csv")
num = ["age", "bmi", "n_visits", "rx_spend", "prior_cost"]
y = np.log1p(claims["annual_cost"])
X_fit, X_chk, y_fit, y_chk = train_test_split(claims[num], y, test_size=0.2, random_state=23)

# winsorise long tails at the 1st / 99th percentile of the fitting rows
lo, hi = X_fit.quantile(0.01), X_fit.quantile(0.99)
X_fit = X_fit.clip(lower=lo, upper=hi, axis=1)
X_chk = X_chk.clip(lower=lo, upper=hi, axis=1)

hub = HuberRegressor(max_iter=2000).fit(X_fit, y_fit)
print("MAE (log $):", mean_absolute_error(y_chk, hub.predict(X_chk)))
