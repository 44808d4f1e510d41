# expect: NONE
"""Expected power from 10-minute SCADA averages, used to flag under-performing turbines."""
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.linear_model import Ridge
from sklearn.metrics import mean_absolute_error, r2_score
from sklearn.model_selection import GroupShuffleSplit
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import SplineTransformer, StandardScaler
from sklearn.compose import ColumnTransformer

SCADA = Path(__file__).parent / "data" / "turbine_scada.csv"


def build():
    pre = ColumnTransformer([
        ("ws", SplineTransformer(n_knots=12, degree=3, extrapolation="constant"), ["wind_speed_ms"]),
        ("rho", StandardScaler(), ["air_density_kgm3"]),
    ])
    return make_pipeline(pre, Ridge(alpha=0.1))


def main() -> None:
    scada = pd.read_csv(SCADA)
    scada = scada[scada["curtailed"] == 0]
    gss = GroupShuffleSplit(n_splits=1, test_size=0.25, random_state=0)
    tr, te = next(gss.split(scada, groups=scada["turbine_id"]))
    train, test = scada.iloc[tr], scada.iloc[te]

    model = build().fit(train[["wind_speed_ms", "air_density_kgm3"]], train["power_kw"])
    pred = model.predict(test[["wind_speed_ms", "air_density_kgm3"]])
    print(f"MAE {mean_absolute_error(test['power_kw'], pred):.0f} kW   R2 {r2_score(test['power_kw'], pred):.3f}")
    bins = pd.cut(test["wind_speed_ms"], np.arange(0, 26, 3))
    resid = (test["power_kw"] - pred).groupby(bins, observed=True).mean().round(0)
    print("mean residual by wind-speed bin:\n" + resid.to_string())


if __name__ == "__main__":
    main()
