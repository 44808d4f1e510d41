# expect: SCALING_ERROR@21
import numpy as np
import pandas as pd
from sklearn.kernel_ridge import KernelRidge
from sklearn.metrics import mean_absolute_error
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

homes = pd.read_csv("energy_efficiency.csv")
X = homes[["surface_area", "wall_area", "roof_area", "height", "orientation", "glazing_area"]].to_numpy()
y = homes[["heating_load"]].to_numpy()

X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=0)

x_scaler = StandardScaler().fit(X_tr)
y_scaler = StandardScaler().fit(y_tr)

model = KernelRidge(alpha=0.1, kernel="rbf", gamma=0.2)
model.fit(x_scaler.transform(X_tr), y_scaler.transform(y_tr).ravel())

pred = model.predict(x_scaler.transform(X_te))
print("MAE (kWh/m2):", mean_absolute_error(y_te.ravel(), pred))
print("mean load:", np.mean(y_te))
