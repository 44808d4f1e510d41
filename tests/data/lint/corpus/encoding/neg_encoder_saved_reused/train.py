# expect: NONE
import joblib
import pandas as pd
from sklearn.ensemble import ExtraTreesRegressor
from sklearn.preprocessing import OneHotEncoder

CATS = ["airline", "origin", "destination", "cabin"]
NUMS = ["days_to_departure", "stops", "duration_h"]

fares = pd.read_csv("fares_2023.csv")
enc = OneHotEncoder(handle_unknown="infrequent_if_exist", min_frequency=20, sparse_output=False)
X_cat = enc.fit_transform(fares[CATS])
X = pd.concat([pd.DataFrame(X_cat, index=fares.index), fares[NUMS]], axis=1).to_numpy()

model = ExtraTreesRegressor(n_estimators=400, min_samples_leaf=4, n_jobs=-1, random_state=0)
model.fit(X, fares["price"])
joblib.dump({"encoder": enc, "model": model}, "fare_model.joblib")
