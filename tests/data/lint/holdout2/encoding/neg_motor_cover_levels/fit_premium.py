# expect: NONE
"""Quoted premium model: Ridge on log premium with a handful of rating factors."""
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.linear_model import Ridge
from sklearn.metrics import mean_absolute_percentage_error
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline

from encoding import normalise, preprocessor

DATA = Path(__file__).parent / "data" / "policies.csv"


def main():
    df = normalise(pd.read_csv(DATA))
    df["log_vehicle_value"] = np.log(df["vehicle_value"])
    X = df[["cover_level", "usage", "fuel_type", "driver_age", "log_vehicle_value", "annual_mileage"]]
    y = np.log(df["annual_premium"])
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=5)

    model = make_pipeline(preprocessor(), Ridge(alpha=1.0))
    model.fit(X_tr, y_tr)
    pred = np.exp(model.predict(X_te))
    print("MAPE:", round(mean_absolute_percentage_error(np.exp(y_te), pred), 4))
    names = model[0].get_feature_names_out()
    print(dict(zip(names, np.round(model[-1].coef_, 3))))


if __name__ == "__main__":
    main()
