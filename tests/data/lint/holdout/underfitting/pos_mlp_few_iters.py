# expect: UNDERFITTING@22-23
import warnings

import numpy as np
from sklearn.datasets import fetch_california_housing
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.model_selection import train_test_split
from sklearn.metrics import mean_absolute_error, r2_score

warnings.filterwarnings("ignore", category=ConvergenceWarning)

housing = fetch_california_housing(as_frame=True)
X, y = housing.data, housing.target

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=42)

mlp = make_pipeline(
    StandardScaler(),
    MLPRegressor(hidden_layer_sizes=(128, 64), activation="relu", learning_rate_init=1e-3,
                 max_iter=5, random_state=42),
)
mlp.fit(X_train, y_train)

pred = mlp.predict(X_test)
print("MAE :", round(mean_absolute_error(y_test, pred), 4))
print("R2  :", round(r2_score(y_test, pred), 4))
print("iterations run:", mlp[-1].n_iter_)
np.save("mlp_loss_curve.npy", np.array(mlp[-1].loss_curve_))
