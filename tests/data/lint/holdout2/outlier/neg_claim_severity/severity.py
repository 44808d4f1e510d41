# expect: NONE
"""Claim severity model (cost per claim) for the home contents book."""
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer, TransformedTargetRegressor
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.metrics import mean_absolute_error, median_absolute_error
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder

ROOT = Path(__file__).parent
NUM = ["sum_insured_k", "policy_excess", "property_age", "occupants", "prior_claims"]
CAT = ["peril", "region"]


def build() -> TransformedTargetRegressor:
    pre = ColumnTransformer([
        ("cat", OneHotEncoder(handle_unknown="ignore"), CAT),
        ("num", "passthrough", NUM),
    ])
    gbr = GradientBoostingRegressor(
        loss="squared_error", n_estimators=300, learning_rate=0.05, max_depth=3, random_state=0
    )
    return TransformedTargetRegressor(
        regressor=Pipeline([("pre", pre), ("gbr", gbr)]), func=np.log1p, inverse_func=np.expm1
    )


def main():
    claims = pd.read_csv(ROOT / "data" / "claims.csv")
    train, test = train_test_split(claims, test_size=0.25, random_state=0)

    model = build()
    model.fit(train[NUM + CAT], train["claim_amount"])
    pred = model.predict(test[NUM + CAT])
    print(f"MAE        {mean_absolute_error(test['claim_amount'], pred):,.0f}")
    print(f"median AE  {median_absolute_error(test['claim_amount'], pred):,.0f}")


if __name__ == "__main__":
    main()
