# expect: SCALING_ERROR@11
import pandas as pd
from sklearn.metrics import mean_absolute_error
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsRegressor
from sklearn.preprocessing import normalize

cols = ["living_area_ft2", "lot_acres", "bedrooms", "bathrooms", "garage_spaces", "school_rating"]
comps = pd.read_csv("comparables.csv")

X = normalize(comps[cols].to_numpy(dtype=float))
y = comps["sale_price"].to_numpy()

X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=9)
knn = KNeighborsRegressor(n_neighbors=10, weights="distance").fit(X_tr, y_tr)
print("MAE $", round(mean_absolute_error(y_te, knn.predict(X_te))))
