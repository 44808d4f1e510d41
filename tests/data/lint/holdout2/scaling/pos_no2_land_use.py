# expect: SCALING_ERROR@25
"""Land-use regression for annual mean NO2 at passive-sampler sites."""
import numpy as np
import pandas as pd
from sklearn.linear_model import LassoCV
from sklearn.metrics import mean_squared_error, r2_score
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

PREDICTORS = [
    "major_road_len_100m", "major_road_len_500m", "traffic_aadt_nearest",
    "dist_major_road_m", "industrial_area_1km", "residential_area_1km",
    "pop_density_1km", "elevation_m", "green_area_500m",
]

sites = pd.read_csv("no2_sites_2023.csv")
sites = sites[sites["months_valid"] >= 9]
X = sites[PREDICTORS].to_numpy(dtype=float)
y = sites["no2_annual_ugm3"].to_numpy()

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=19)

train_scaler = StandardScaler()
X_train_s = train_scaler.fit_transform(X_train)
X_test_s = StandardScaler().fit_transform(X_test)

lasso = LassoCV(cv=5, n_alphas=50, max_iter=20000, random_state=19)
lasso.fit(X_train_s, y_train)
pred = lasso.predict(X_test_s)

print(f"alpha={lasso.alpha_:.4f}")
print(f"hold-out R2   {r2_score(y_test, pred):.3f}")
print(f"hold-out RMSE {np.sqrt(mean_squared_error(y_test, pred)):.2f} ug/m3")
kept = [p for p, c in zip(PREDICTORS, lasso.coef_) if abs(c) > 1e-6]
print("selected predictors:", kept)
