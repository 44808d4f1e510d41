# expect: DATA_LEAKAGE@12-13
import numpy as np
import pandas as pd
from sklearn.linear_model import HuberRegressor
from sklearn.model_selection import train_test_split
from sklearn.metrics import mean_absolute_error

claims = pd.read_csv("medical_costs.csv")
num = ["age", "bmi", "n_visits", "rx_spend", "prior_cost"]

# winsorise long tails at the 1st / 99th percentile
lo = claims[num].quantile(0.01)
hi = claims[num].quantile(0.99)
claims[num] = claims[num].clip(lower=lo, upper=hi, axis=1)

y = np.log1p(claims["annual_cost"])
X_fit, X_chk, y_fit, y_chk = train_test_split(claims[num], y, test_size=0.2, random_state=23)
hub = HuberRegressor(max_iter=2000).fit(X_fit, y_fit)
print("MAE (log $):", mean_absolute_error(y_chk, hub.predict(X_chk)))
