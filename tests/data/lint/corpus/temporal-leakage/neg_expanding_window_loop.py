# expect: NONE
import numpy as np
import pandas as pd
from sklearn.linear_model import Ridge


class WalkForward:
    def __init__(self, min_train_size: int = 365, step: int = 30):
        self.min_train_size = min_train_size
        self.step = step

    def run(self, frame: pd.DataFrame, cols: list, target: str) -> float:
        errors = []
        for end in range(self.min_train_size, len(frame) - self.step, self.step):
            train_block = frame.iloc[:end]
            next_block = frame.iloc[end:end + self.step]
            model = Ridge(alpha=1.0).fit(train_block[cols], train_block[target])
            resid = next_block[target] - model.predict(next_block[cols])
            errors.append(np.abs(resid).mean())
        return float(np.mean(errors))


if __name__ == "__main__":
    data = pd.read_csv("river_flow.csv", parse_dates=["date"]).sort_values("date")
    data["flow_lag1"] = data["flow"].shift(1)
    data["rain_3d"] = data["rain_mm"].rolling(3).sum()
    data["flow_lag7"] = data["flow"].shift(7)
    data = data.dropna().reset_index(drop=True)
    wf = WalkForward(min_train_size=730, step=14)
    print("walk-forward MAE:", wf.run(data, ["flow_lag1", "flow_lag7", "rain_3d"], "flow"))
