# expect: OUTLIER@36
"""Claim severity model (cost per claim) for the home contents book."""
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.metrics import mean_absolute_error, mean_squared_error
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder

ROOT = Path(__file__).parent
NUM = ["sum_insured_k", "policy_excess", "property_age", "occupants", "prior_claims"]
CAT = ["peril", "region"]


def build() -> Pipeline:
    pre = ColumnTransformer([
        ("cat", OneHotEncoder(handle_unknown="ignore"), CAT),
        ("num", "passthrough", NUM),
    ])
    gbr = GradientBoostingRegressor(
        loss="squared_error", n_estimators=300, learning_rate=0.05, max_depth=3, random_state=0
    )
    return Pipeline([("pre", pre), ("gbr", gbr)])


def main():
    claims = pd.read_csv(ROOT / "data" / "claims.csv")
    print(claims["claim_amount"].describe(percentiles=[0.5, 0.9, 0.99]).round(0))
    train, test = train_test_split(claims, test_size=0.25, random_state=0)

    model = build()
    model.fit(train[NUM + CAT], train["claim_amount"])
    pred = model.predict(test[NUM + CAT])
    print(f"MAE  {mean_absolute_error(test['claim_amount'], pred):,.0f}")
    print(f"RMSE {np.sqrt(mean_squared_error(test['claim_amount'], pred)):,.0f}")


if __name__ == "__main__":
    main()
