# expect: NONE
import pandas as pd
from sklearn.ensemble import RandomForestRegressor
from sklearn.model_selection import train_test_split
from sklearn.metrics import mean_absolute_error

energy = pd.read_csv("building_energy.csv")
targets = ["heating_load", "cooling_load"]
X = energy.drop(columns=targets)
Y = energy[targets]

X_tr, X_te, Y_tr, Y_te = train_test_split(X, Y, test_size=0.2, random_state=42)
rf = RandomForestRegressor(n_estimators=400, random_state=42).fit(X_tr, Y_tr)
pred = rf.predict(X_te)
for j, name in enumerate(targets):
    print(name, "MAE:", round(mean_absolute_error(Y_te[name], pred[:, j]), 3))
