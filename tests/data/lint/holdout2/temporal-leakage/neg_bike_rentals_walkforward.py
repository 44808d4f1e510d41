# expect: NONE
"""Hourly bike-share demand: walk-forward evaluation by week."""
from dataclasses import dataclass, field
from typing import List

import numpy as np
import pandas as pd
from xgboost import XGBRegressor


@dataclass
class WalkForward:
    first_test_week: int = 30
    n_weeks: int = 12
    params: dict = field(default_factory=lambda: {
        "n_estimators": 600, "learning_rate": 0.05, "max_depth": 6,
        "subsample": 0.8, "colsample_bytree": 0.8,
    })
    scores: List[float] = field(default_factory=list)

    @staticmethod
    def features(df: pd.DataFrame) -> pd.DataFrame:
        df = df.sort_values("ts").copy()
        df["hour"] = df["ts"].dt.hour
        df["dow"] = df["ts"].dt.dayofweek
        df["rides_lag24"] = df["rides"].shift(24)
        df["rides_lag168"] = df["rides"].shift(168)
        df["rides_prev24_mean"] = df["rides"].shift(1).rolling(24).mean()
        df["week"] = (df["ts"] - df["ts"].min()).dt.days // 7
        return df.dropna()

    def run(self, df: pd.DataFrame, cols: List[str]) -> float:
        df = self.features(df)
        for w in range(self.first_test_week, self.first_test_week + self.n_weeks):
            train = df[df["week"] < w]
            test = df[df["week"] == w]
            model = XGBRegressor(**self.params)
            model.fit(train[cols], np.log1p(train["rides"]))
            pred = np.expm1(model.predict(test[cols]))
            rmse = float(np.sqrt(np.mean((pred - test["rides"]) ** 2)))
            self.scores.append(rmse)
            print(f"week {w}: train_rows={len(train)} rmse={rmse:.1f}")
        return float(np.mean(self.scores))


if __name__ == "__main__":
    rides = pd.read_csv("station_hourly.csv", parse_dates=["ts"])
    cols = ["hour", "dow", "temp_c", "precip_mm", "rides_lag24", "rides_lag168", "rides_prev24_mean"]
    print("mean weekly RMSE:", round(WalkForward().run(rides, cols), 2))
