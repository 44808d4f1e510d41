# expect: SCALING_ERROR@26
"""Model fitting for household daily consumption."""
from typing import Dict

import numpy as np
from sklearn.metrics import mean_absolute_error
from sklearn.neural_network import MLPRegressor
from sklearn.preprocessing import StandardScaler


def make_model(seed: int = 0) -> MLPRegressor:
    return MLPRegressor(
        hidden_layer_sizes=(64, 32), alpha=1e-3, learning_rate_init=1e-3,
        max_iter=2000, early_stopping=True, validation_fraction=0.15, random_state=seed,
    )


def train_and_score(X_train, y_train, X_test, y_test, seed: int = 0) -> Dict[str, float]:
    x_scaler = StandardScaler().fit(X_train)
    y_scaler = StandardScaler().fit(np.asarray(y_train).reshape(-1, 1))

    model = make_model(seed)
    model.fit(x_scaler.transform(X_train), y_scaler.transform(np.asarray(y_train).reshape(-1, 1)).ravel())

    pred = model.predict(x_scaler.transform(X_test))
    mae = mean_absolute_error(y_test, pred)
    return {"mae_kwh": float(mae), "n_iter": int(model.n_iter_)}
