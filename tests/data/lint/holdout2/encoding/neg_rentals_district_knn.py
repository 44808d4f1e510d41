# expect: NONE
"""Comparable-listings rent estimator (k nearest neighbours, one-hot district)."""
import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.metrics import mean_absolute_error
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsRegressor
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

NUMERIC = ["area_m2", "rooms", "floor", "year_built", "dist_center_km"]


def prepare(path: str) -> pd.DataFrame:
    df = pd.read_csv(path)
    df = df.dropna(subset=NUMERIC + ["district", "monthly_rent"])
    return df[df["area_m2"].between(15, 250)]


def main() -> None:
    df = prepare("rentals_2024_03.csv")
    X_train, X_test, y_train, y_test = train_test_split(
        df[NUMERIC + ["district"]], df["monthly_rent"], test_size=0.2, random_state=0
    )
    pre = ColumnTransformer([
        ("num", StandardScaler(), NUMERIC),
        ("district", OneHotEncoder(handle_unknown="ignore"), ["district"]),
    ])
    knn = Pipeline([("pre", pre), ("knn", KNeighborsRegressor(n_neighbors=10, weights="distance"))])
    knn.fit(X_train, y_train)
    pred = knn.predict(X_test)
    print("MAE EUR:", round(mean_absolute_error(y_test, pred), 1))
    print("median abs % error:", round(float(np.median(np.abs(pred - y_test) / y_test)) * 100, 1))


if __name__ == "__main__":
    main()
