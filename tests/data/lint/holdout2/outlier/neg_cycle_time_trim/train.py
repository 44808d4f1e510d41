# expect: NONE
"""Cycle-time regressor used by the shop-floor scheduler."""
import pandas as pd
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.metrics import mean_absolute_error, mean_absolute_percentage_error

from cleaning import prepare, summary

FEATURES = ["material", "n_operations", "tool_changes", "stock_volume_cm3", "tolerance_um", "spindle_max_rpm"]


def main(path="data/cycle_times.csv"):
    train, test = prepare(pd.read_csv(path))
    print(summary(train))
    model = HistGradientBoostingRegressor(
        loss="absolute_error", max_iter=400, learning_rate=0.05,
        categorical_features="from_dtype", random_state=0,
    )
    model.fit(train[FEATURES], train["cycle_time_s"])
    pred = model.predict(test[FEATURES])
    print(f"MAE  {mean_absolute_error(test['cycle_time_s'], pred):.1f} s")
    print(f"MAPE {mean_absolute_percentage_error(test['cycle_time_s'], pred):.2%}")


if __name__ == "__main__":
    main()
