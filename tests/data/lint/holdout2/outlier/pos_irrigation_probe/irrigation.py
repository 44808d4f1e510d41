# expect: OUTLIER@16-17
"""Irrigation volume recommender: predict water applied (mm) per block-day."""
from pathlib import Path

import pandas as pd
from sklearn.linear_model import RidgeCV
from sklearn.model_selection import GroupKFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

HERE = Path(__file__).parent
FEATURES = ["soil_moisture_pct", "et0_mm", "rain_24h_mm", "canopy_cover_pct", "crop_coeff", "soil_clay_pct"]


def main() -> None:
    blocks = pd.read_csv(HERE / "data" / "irrigation.csv")
    X, y = blocks[FEATURES], blocks["water_applied_mm"]

    model = make_pipeline(StandardScaler(), RidgeCV(alphas=[0.01, 0.1, 1.0, 10.0]))
    cv = GroupKFold(n_splits=5)
    mae = -cross_val_score(model, X, y, groups=blocks["block_id"], cv=cv, scoring="neg_mean_absolute_error")
    print(f"CV MAE {mae.mean():.2f} mm (+/- {mae.std():.2f})")

    model.fit(X, y)
    coefs = dict(zip(FEATURES, model[-1].coef_.round(3)))
    print(coefs)


if __name__ == "__main__":
    main()
