import os

import pandas as pd
from sklearn.linear_model import Ridge
from sklearn.metrics import mean_absolute_error
from sklearn.model_selection import train_test_split

DATA_DIR = os.path.join(os.path.dirname(__file__), "data")
TARGET = "minutes"

orders = pd.read_csv(os.path.join(DATA_DIR, "orders.csv"))
orders = orders[orders[TARGET] != 999]
X, y = orders[["distance_km", "n_items"]], orders[TARGET]
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=0)
model = Ridge(alpha=1.0).fit(X_tr, y_tr)
print("mae", mean_absolute_error(y_te, model.predict(X_te)))
