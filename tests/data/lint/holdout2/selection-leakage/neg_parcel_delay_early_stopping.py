# expect: NONE
"""Delivery delay (minutes past promised slot) for the regional parcel network."""
from typing import List

import lightgbm as lgb
import pandas as pd
from sklearn.metrics import mean_absolute_error
from sklearn.model_selection import GroupShuffleSplit

CAT = ["depot", "vehicle_type", "service_level"]
NUM = ["stops_on_route", "route_km", "parcel_kg", "stop_index", "planned_hour", "rain_mm", "dow"]


def prepare(df: pd.DataFrame) -> pd.DataFrame:
    for c in CAT:
        df[c] = df[c].astype("category")
    df["stop_share"] = df["stop_index"] / df["stops_on_route"]
    return df


def route_split(df: pd.DataFrame, size: float, seed: int):
    gss = GroupShuffleSplit(n_splits=1, test_size=size, random_state=seed)
    a, b = next(gss.split(df, groups=df["route_id"]))
    return df.iloc[a], df.iloc[b]


def fit(train: pd.DataFrame, cols: List[str]) -> lgb.LGBMRegressor:
    fit_part, val_part = route_split(train, 0.15, seed=10)
    model = lgb.LGBMRegressor(
        objective="l1", n_estimators=5000, learning_rate=0.03, num_leaves=63, min_child_samples=30
    )
    model.fit(
        fit_part[cols], fit_part["delay_min"],
        eval_set=[(val_part[cols], val_part["delay_min"])],
        callbacks=[lgb.early_stopping(100), lgb.log_evaluation(200)],
    )
    return model


if __name__ == "__main__":
    df = prepare(pd.read_parquet("stops_2024q1.parquet"))
    cols = CAT + NUM + ["stop_share"]
    train, test = route_split(df, 0.2, seed=9)
    model = fit(train, cols)
    pred = model.predict(test[cols], num_iteration=model.best_iteration_)
    print("best iteration:", model.best_iteration_)
    print("test MAE (min):", round(mean_absolute_error(test["delay_min"], pred), 2))
