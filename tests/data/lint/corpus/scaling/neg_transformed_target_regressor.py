# expect: NONE
import pandas as pd
from sklearn.compose import TransformedTargetRegressor
from sklearn.kernel_ridge import KernelRidge
from sklearn.metrics import mean_absolute_error
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

homes = pd.read_csv("energy_efficiency.csv")
X = homes[["surface_area", "wall_area", "roof_area", "height", "orientation", "glazing_area"]]
y = homes["heating_load"]

X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=0)

model = TransformedTargetRegressor(
    regressor=make_pipeline(StandardScaler(), KernelRidge(alpha=0.1, kernel="rbf", gamma=0.2)),
    transformer=StandardScaler(),
)
model.fit(X_tr, y_tr)
print("MAE (kWh/m2):", mean_absolute_error(y_te, model.predict(X_te)))
