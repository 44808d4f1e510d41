"""Quoted premium model: Ridge on log premium with a handful of rating factors."""
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.linear_model import Ridge
from sklearn.metrics import mean_absolute_percentage_error
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from encoding import check, encode

DATA = Path(__file__).parent / "data" / "policies.csv"


def main():
    df = encode(pd.read_csv(DATA))
    check(df)
    df["log_vehicle_value"] = np.log(df["vehicle_value"])
    cols = ["cover_level", "usage", "driver_age", "log_vehicle_value", "annual_mileage",
            "fuel_diesel", "fuel_hybrid", "fuel_electric"]
    X_tr, X_te, y_tr, y_te = train_test_split(df[cols], np.log(df["annual_premium"]), test_size=0.2, random_state=5)

    model = make_pipeline(StandardScaler(), Ridge(alpha=1.0))
    model.fit(X_tr, y_tr)
    pred = np.exp(model.predict(X_te))
    print("MAPE:", round(mean_absolute_percentage_error(np.exp(y_te), pred), 4))
    print(dict(zip(cols, np.round(model[-1].coef_, 3))))


if __name__ == "__main__":
    main()
