# expect: DATA_LEAKAGE@18
import numpy as np
import pandas as pd
from sklearn.ensemble import RandomForestRegressor
from sklearn.model_selection import cross_val_score, train_test_split
from sklearn.metrics import mean_absolute_error

bikes = pd.read_csv("bike_rentals.csv")
inputs = bikes[["temp", "atemp", "humidity", "windspeed", "season", "workingday", "hr"]]
counts = bikes["cnt"]

X_dev, X_hold, y_dev, y_hold = train_test_split(inputs, counts, test_size=0.2, random_state=0)
rf = RandomForestRegressor(n_estimators=300, min_samples_leaf=2, random_state=0)
cv_mae = -cross_val_score(rf, X_dev, y_dev, cv=5, scoring="neg_mean_absolute_error")
print("CV MAE:", cv_mae.mean())

# final model on everything we have
rf.fit(np.vstack([X_dev, X_hold]), np.concatenate([y_dev, y_hold]))
print("holdout MAE:", mean_absolute_error(y_hold, rf.predict(X_hold.to_numpy())))
