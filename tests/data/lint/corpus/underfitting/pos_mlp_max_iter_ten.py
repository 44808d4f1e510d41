# expect: UNDERFITTING@19
import warnings

import pandas as pd
from sklearn.exceptions import ConvergenceWarning
from sklearn.metrics import r2_score
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

warnings.filterwarnings("ignore", category=ConvergenceWarning)

turbines = pd.read_csv("gas_turbine_2015.csv")
X = turbines[["AT", "AP", "AH", "AFDP", "GTEP", "TIT", "TAT", "CDP"]]
y = turbines["NOX"]
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=3)

net = make_pipeline(StandardScaler(), MLPRegressor(hidden_layer_sizes=(64, 64), max_iter=10,
                                                   learning_rate_init=1e-3, random_state=3))
net.fit(X_tr, y_tr)
print("test R2:", round(r2_score(y_te, net.predict(X_te)), 3))
