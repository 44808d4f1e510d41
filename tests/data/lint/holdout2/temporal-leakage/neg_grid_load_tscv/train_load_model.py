# expect: NONE
"""Next-day peak load model, validated with expanding-window CV."""
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.linear_model import Ridge
from sklearn.metrics import mean_absolute_error
from sklearn.model_selection import TimeSeriesSplit, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

HERE = Path(__file__).parent
FEATURES = [
    "dow_sin", "dow_cos", "is_holiday", "temp_forecast_c", "hdd", "cdd",
    "load_lag1", "load_lag7", "load_roll7",
]


def make_features(df: pd.DataFrame) -> pd.DataFrame:
    df = df.sort_values("date").reset_index(drop=True)
    dow = pd.to_datetime(df["date"]).dt.dayofweek
    df["dow_sin"] = np.sin(2 * np.pi * dow / 7)
    df["dow_cos"] = np.cos(2 * np.pi * dow / 7)
    df["hdd"] = (15.5 - df["temp_forecast_c"]).clip(lower=0)
    df["cdd"] = (df["temp_forecast_c"] - 22.0).clip(lower=0)
    df["load_lag1"] = df["peak_load_mw"].shift(1)
    df["load_lag7"] = df["peak_load_mw"].shift(7)
    df["load_roll7"] = df["peak_load_mw"].shift(1).rolling(7).mean()
    return df.dropna().reset_index(drop=True)


def main() -> None:
    df = make_features(pd.read_csv(HERE / "data" / "grid_load.csv"))
    holdout_days = 60
    dev, holdout = df.iloc[:-holdout_days], df.iloc[-holdout_days:]

    model = make_pipeline(StandardScaler(), Ridge(alpha=1.0))
    tscv = TimeSeriesSplit(n_splits=5, gap=1)
    scores = -cross_val_score(
        model, dev[FEATURES], dev["peak_load_mw"], cv=tscv, scoring="neg_mean_absolute_error"
    )
    print("walk-forward MAE per fold:", np.round(scores, 1))

    model.fit(dev[FEATURES], dev["peak_load_mw"])
    mae = mean_absolute_error(holdout["peak_load_mw"], model.predict(holdout[FEATURES]))
    print(f"last {holdout_days} days MAE: {mae:.1f} MW")


if __name__ == "__main__":
    main()
