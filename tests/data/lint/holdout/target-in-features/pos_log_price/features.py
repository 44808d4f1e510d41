"""Feature engineering for the used-car price model."""
# expect: DATA_LEAKAGE@14
import numpy as np
import pandas as pd

CURRENT_YEAR = 2024


def engineer(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    out["age"] = CURRENT_YEAR - out["year"]
    out["km_per_year"] = out["odometer_km"] / out["age"].clip(lower=1)
    out["log_odometer"] = np.log1p(out["odometer_km"])
    out["log_price"] = np.log1p(out["price"])
    out["engine_l"] = out["engine_cc"] / 1000.0
    out["is_automatic"] = (out["transmission"] == "automatic").astype(int)
    out["brand_premium"] = out["brand"].isin(["bmw", "audi", "mercedes-benz", "lexus"]).astype(int)
    return out


def numeric_columns(df: pd.DataFrame, exclude=()):
    cols = df.select_dtypes(include="number").columns
    return [c for c in cols if c not in set(exclude)]
