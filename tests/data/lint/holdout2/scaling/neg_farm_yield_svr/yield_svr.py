# expect: NONE
"""Smallholder yield model from the extension-office farm survey."""
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import mean_absolute_error, r2_score
from sklearn.model_selection import KFold, cross_val_score, train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVR

HERE = Path(__file__).resolve().parent
FEATURES = ["rainfall_mm", "soil_ph", "farm_area_m2", "n_kg_ha", "elevation_m", "days_to_harvest"]


def build() -> Pipeline:
    return Pipeline([
        ("scale", StandardScaler()),
        ("svr", SVR(kernel="rbf", C=10.0, epsilon=0.1, gamma="scale")),
    ])


def main() -> None:
    df = pd.read_csv(HERE / "data" / "farms.csv").dropna(subset=FEATURES + ["yield_t_ha"])
    X, y = df[FEATURES].to_numpy(), df["yield_t_ha"].to_numpy()
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=42)

    cv_mae = -cross_val_score(
        build(), X_train, y_train, cv=KFold(5, shuffle=True, random_state=0),
        scoring="neg_mean_absolute_error",
    )
    print("CV MAE:", np.round(cv_mae, 3))

    model = build().fit(X_train, y_train)
    pred = model.predict(X_test)
    print(f"test MAE {mean_absolute_error(y_test, pred):.3f} t/ha   R2 {r2_score(y_test, pred):.3f}")


if __name__ == "__main__":
    main()
