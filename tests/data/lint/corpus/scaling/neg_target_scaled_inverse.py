# expect: NONE
import numpy as np
import pandas as pd
from sklearn.metrics import mean_absolute_error
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPRegressor
from sklearn.preprocessing import StandardScaler

plants = pd.read_csv("ccpp.csv")
X = plants[["ambient_temp", "exhaust_vacuum", "ambient_pressure", "rel_humidity"]].to_numpy()
y = plants[["net_output_mw"]].to_numpy()

X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=31)
xs, ys = StandardScaler().fit(X_tr), StandardScaler().fit(y_tr)

net = MLPRegressor(hidden_layer_sizes=(50, 50), early_stopping=True, max_iter=1000, random_state=31)
net.fit(xs.transform(X_tr), ys.transform(y_tr).ravel())

pred_mw = ys.inverse_transform(net.predict(xs.transform(X_te)).reshape(-1, 1)).ravel()
print("MAE (MW):", round(mean_absolute_error(y_te.ravel(), pred_mw), 2))
print("share within 5 MW:", np.mean(np.abs(pred_mw - y_te.ravel()) < 5))
