# expect: SCALING_ERROR@22-23
import numpy as np
import pandas as pd
from sklearn.neural_network import MLPRegressor
from sklearn.model_selection import train_test_split
from sklearn.metrics import mean_absolute_error, r2_score

from prep import XYScaler

df = pd.read_csv("ccpp_power_plant.csv")
features = ["AT", "V", "AP", "RH"]
X = df[features].to_numpy()
y = df["PE"].to_numpy()

X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=1)
xy = XYScaler().fit(X_tr, y_tr)

mlp = MLPRegressor(hidden_layer_sizes=(64, 32), alpha=1e-4, learning_rate_init=1e-3,
                   max_iter=800, early_stopping=True, validation_fraction=0.1, random_state=1)
mlp.fit(xy.transform_x(X_tr), xy.transform_y(y_tr))

y_hat = mlp.predict(xy.transform_x(X_te))
mae = mean_absolute_error(y_te, y_hat)
print(f"MAE (MW): {mae:.3f}")
print(f"R2      : {r2_score(xy.transform_y(y_te), y_hat):.4f}")
print("iterations:", mlp.n_iter_, "best val score:", round(mlp.best_validation_score_, 4))
