# expect: NONE
"""Model fitting for household daily consumption."""
from typing import Dict

from sklearn.compose import TransformedTargetRegressor
from sklearn.metrics import mean_absolute_error
from sklearn.neural_network import MLPRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def make_model(seed: int = 0) -> TransformedTargetRegressor:
    mlp = MLPRegressor(
        hidden_layer_sizes=(64, 32), alpha=1e-3, learning_rate_init=1e-3,
        max_iter=2000, early_stopping=True, validation_fraction=0.15, random_state=seed,
    )
    return TransformedTargetRegressor(
        regressor=make_pipeline(StandardScaler(), mlp), transformer=StandardScaler()
    )


def train_and_score(X_train, y_train, X_test, y_test, seed: int = 0) -> Dict[str, float]:
    model = make_model(seed)
    model.fit(X_train, y_train)
    pred = model.predict(X_test)  # back in kWh: the target transform is inverted internally
    mae = mean_absolute_error(y_test, pred)
    return {"mae_kwh": float(mae), "n_iter": int(model.regressor_[-1].n_iter_)}
