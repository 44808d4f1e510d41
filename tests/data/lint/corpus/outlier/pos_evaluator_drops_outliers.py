# expect: OUTLIER@19
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.metrics import mean_squared_error


@dataclass
class Evaluator:
    target: str = "energy_kwh"
    max_abs_z: float = 2.5

    def _trim(self, frame: pd.DataFrame) -> pd.DataFrame:
        z = (frame[self.target] - frame[self.target].mean()) / frame[self.target].std()
        return frame[z.abs() <= self.max_abs_z]

    def score(self, model, holdout: pd.DataFrame, features) -> float:
        holdout = self._trim(holdout)
        pred = model.predict(holdout[features])
        return float(np.sqrt(mean_squared_error(holdout[self.target], pred)))


if __name__ == "__main__":
    from sklearn.ensemble import HistGradientBoostingRegressor

    feats = ["floor_area", "occupants", "hdd", "cdd", "insulation_score"]
    train = pd.read_csv("buildings_2022.csv")
    holdout = pd.read_csv("buildings_2023.csv")
    model = HistGradientBoostingRegressor(max_iter=400, learning_rate=0.05).fit(train[feats], train["energy_kwh"])
    print("2023 RMSE:", Evaluator().score(model, holdout, feats))
