# expect: DATA_LEAKAGE@41
"""Next-day peak load model for the regional distribution grid.

Reads the daily operator extract and fits a forest on calendar, weather
forecast and lagged load features.
"""
from pathlib import Path

import pandas as pd
from sklearn.ensemble import RandomForestRegressor
from sklearn.metrics import mean_absolute_percentage_error
from sklearn.model_selection import train_test_split

DATA = Path(__file__).parent / "data" / "grid_load.csv"
FEATURES = [
    "dow", "month", "is_weekend", "is_holiday", "temp_forecast_c",
    "load_lag1", "load_lag2", "load_lag7", "load_roll7",
]


def add_calendar(df: pd.DataFrame) -> pd.DataFrame:
    d = pd.to_datetime(df["date"])
    df["dow"] = d.dt.dayofweek
    df["month"] = d.dt.month
    df["is_weekend"] = (df["dow"] >= 5).astype(int)
    return df


def add_lags(df: pd.DataFrame) -> pd.DataFrame:
    for k in (1, 2, 7):
        df[f"load_lag{k}"] = df["peak_load_mw"].shift(k)
    df["load_roll7"] = df["peak_load_mw"].shift(1).rolling(7).mean()
    return df


def main() -> None:
    df = pd.read_csv(DATA).sort_values("date").reset_index(drop=True)
    df = add_lags(add_calendar(df)).dropna().reset_index(drop=True)
    X, y = df[FEATURES], df["peak_load_mw"]

    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=7)

    model = RandomForestRegressor(
        n_estimators=300, min_samples_leaf=3, max_features=0.6, random_state=0, n_jobs=-1
    )
    model.fit(X_train, y_train)
    mape = mean_absolute_percentage_error(y_test, model.predict(X_test))
    print(f"test MAPE: {mape:.2%}  (n_train={len(X_train)}, n_test={len(X_test)})")

    top = sorted(zip(model.feature_importances_, FEATURES), reverse=True)[:5]
    for score, name in top:
        print(f"  {name:<16s} {score:.3f}")


if __name__ == "__main__":
    main()
