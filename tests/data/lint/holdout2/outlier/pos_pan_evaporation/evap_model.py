# expect: OUTLIER@17-18
"""Daily class-A pan evaporation from the automatic weather station network."""
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.linear_model import LinearRegression
from sklearn.metrics import mean_absolute_error, r2_score
from sklearn.model_selection import GroupKFold, cross_val_predict

DATA = Path(__file__).parent / "data" / "station_obs.csv"
FEATURES = ["tmax_c", "tmin_c", "rh_mean_pct", "wind_2m_ms", "sunshine_h", "vpd_kpa"]
TARGET = "pan_evap_mm"


def main() -> None:
    obs = pd.read_csv(DATA).dropna(subset=[TARGET])
    X, y = obs[FEATURES], obs[TARGET]
    groups = obs["station_id"]

    model = LinearRegression()
    pred = cross_val_predict(model, X, y, groups=groups, cv=GroupKFold(n_splits=5))
    print(f"leave-stations-out MAE {mean_absolute_error(y, pred):.2f} mm   R2 {r2_score(y, pred):.3f}")

    model.fit(X, y)
    for name, coef in zip(FEATURES, model.coef_):
        print(f"  {name:<12s} {coef:+.4f}")
    print("intercept", np.round(model.intercept_, 3))


if __name__ == "__main__":
    main()
