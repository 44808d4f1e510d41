# expect: UNDERFITTING@13
import numpy as np
import pandas as pd
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.metrics import mean_absolute_error
from sklearn.model_selection import train_test_split


def train_eta_model(orders: pd.DataFrame):
    X = orders[["distance_km", "prep_min", "hour", "is_raining", "courier_rating", "items"]]
    y = orders["delivery_min"]
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=1)
    model = GradientBoostingRegressor(n_estimators=8, learning_rate=0.05, max_depth=3)
    model.fit(X_tr, y_tr)
    mae = mean_absolute_error(y_te, model.predict(X_te))
    return model, mae


if __name__ == "__main__":
    orders = pd.read_csv("orders.csv")
    model, mae = train_eta_model(orders)
    naive = np.mean(np.abs(orders.delivery_min - orders.delivery_min.median()))
    print(f"ETA MAE: {mae:.1f} min (median baseline {naive:.1f})")
