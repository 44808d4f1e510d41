# expect: NONE
import joblib
import pandas as pd
from sklearn.base import clone
from sklearn.ensemble import RandomForestRegressor
from sklearn.model_selection import train_test_split
from sklearn.metrics import mean_absolute_error

bikes = pd.read_csv("bike_rentals.csv")
inputs = bikes[["temp", "atemp", "humidity", "windspeed", "season", "workingday", "hr"]]
counts = bikes["cnt"]

X_dev, X_hold, y_dev, y_hold = train_test_split(inputs, counts, test_size=0.2, random_state=0)
rf = RandomForestRegressor(n_estimators=300, min_samples_leaf=2, random_state=0)
rf.fit(X_dev, y_dev)
print("holdout MAE:", mean_absolute_error(y_hold, rf.predict(X_hold)))

# ship a model trained on every labelled row
production = clone(rf).fit(inputs, counts)
joblib.dump(production, "bike_model.joblib")
print("saved model trained on", len(inputs), "rows")
