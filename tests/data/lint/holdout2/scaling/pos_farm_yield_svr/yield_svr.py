# expect: SCALING_ERROR@26-27
"""Smallholder yield model from the extension-office farm survey."""
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import mean_absolute_error, r2_score
from sklearn.model_selection import train_test_split
from sklearn.svm import SVR

HERE = Path(__file__).resolve().parent
FEATURES = ["rainfall_mm", "soil_ph", "farm_area_m2", "n_kg_ha", "elevation_m", "days_to_harvest"]


def load() -> pd.DataFrame:
    df = pd.read_csv(HERE / "data" / "farms.csv")
    return df.dropna(subset=FEATURES + ["yield_t_ha"])


def main() -> None:
    df = load()
    print(df[FEATURES].describe().loc[["min", "max"]].T)
    X, y = df[FEATURES].to_numpy(), df["yield_t_ha"].to_numpy()
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=42)

    model = SVR(kernel="rbf", C=10.0, epsilon=0.1, gamma="scale")
    model.fit(X_train, y_train)
    pred = model.predict(X_test)
    print(f"MAE {mean_absolute_error(y_test, pred):.3f} t/ha   R2 {r2_score(y_test, pred):.3f}")

    resid = y_test - pred
    print("residual quantiles:", np.round(np.quantile(resid, [0.05, 0.5, 0.95]), 3))


if __name__ == "__main__":
    main()
