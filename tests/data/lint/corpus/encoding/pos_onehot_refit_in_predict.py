# expect: ENCODING_ERROR@27
import numpy as np
import pandas as pd
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.preprocessing import OneHotEncoder


class FareModel:
    """Taxi fare estimator used by the pricing service."""

    categorical = ["pickup_zone", "dropoff_zone", "vehicle_type"]
    numeric = ["trip_km", "duration_min", "hour"]

    def __init__(self):
        self.encoder = OneHotEncoder(sparse_output=False, handle_unknown="ignore")
        self.model = GradientBoostingRegressor(n_estimators=400, learning_rate=0.05, max_depth=3)

    def _matrix(self, df, enc):
        return np.hstack([enc.transform(df[self.categorical]), df[self.numeric].to_numpy()])

    def fit(self, trips: pd.DataFrame):
        self.encoder.fit(trips[self.categorical])
        self.model.fit(self._matrix(trips, self.encoder), trips["fare"])
        return self

    def predict(self, batch: pd.DataFrame):
        enc = OneHotEncoder(sparse_output=False, handle_unknown="ignore").fit(batch[self.categorical])
        return self.model.predict(self._matrix(batch, enc))


if __name__ == "__main__":
    history = pd.read_parquet("trips_march.parquet")
    april = pd.read_parquet("trips_april.parquet")
    fm = FareModel().fit(history)
    err = np.abs(fm.predict(april) - april["fare"]).mean()
    print(f"April MAE: {err:.2f}")
