"""A small feed-forward regressor for one-year disease progression."""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.neural_network import MLPRegressor
from sklearn.preprocessing import StandardScaler


class ProgressionModel:
    """Standardises inputs and target, then fits a one-hidden-layer MLP."""

    def __init__(self, hidden: int = 16, alpha: float = 1.0, seed: int = 0):
        self.hidden = hidden
        self.alpha = alpha
        self.seed = seed

    def fit(self, X: pd.DataFrame, y: pd.Series) -> "ProgressionModel":
        self.x_scaler_ = StandardScaler().fit(X)
        self.y_scaler_ = StandardScaler().fit(y.to_numpy().reshape(-1, 1))
        self.net_ = MLPRegressor(
            hidden_layer_sizes=(self.hidden,),
            alpha=self.alpha,
            learning_rate_init=0.01,
            max_iter=500,
            early_stopping=True,
            random_state=self.seed,
        )
        y_std = self.y_scaler_.transform(y.to_numpy().reshape(-1, 1)).ravel()
        self.net_.fit(self.x_scaler_.transform(X), y_std)
        return self

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        return self.net_.predict(self.x_scaler_.transform(X))
