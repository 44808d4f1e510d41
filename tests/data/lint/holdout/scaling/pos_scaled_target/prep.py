"""Scaling helpers shared by the regression experiments."""
import numpy as np
from sklearn.preprocessing import StandardScaler


class XYScaler:
    """Standardise both the inputs and the target of a regression problem."""

    def __init__(self):
        self.x_scaler = StandardScaler()
        self.y_scaler = StandardScaler()

    def fit(self, X, y):
        self.x_scaler.fit(X)
        self.y_scaler.fit(np.asarray(y, dtype=float).reshape(-1, 1))
        return self

    def transform_x(self, X):
        return self.x_scaler.transform(X)

    def transform_y(self, y):
        return self.y_scaler.transform(np.asarray(y, dtype=float).reshape(-1, 1)).ravel()

    def inverse_y(self, y_scaled):
        return self.y_scaler.inverse_transform(np.asarray(y_scaled).reshape(-1, 1)).ravel()
