# expect: NONE
"""Categorical handling for the motor premium model."""
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.preprocessing import OneHotEncoder, OrdinalEncoder, StandardScaler

COVER_ORDER = ["basic", "standard", "premium"]
USAGE_ORDER = ["social", "commute", "business"]
FUEL_TYPES = ["petrol", "diesel", "hybrid", "electric"]
NUMERIC = ["driver_age", "log_vehicle_value", "annual_mileage"]


def preprocessor() -> ColumnTransformer:
    return ColumnTransformer([
        ("ord", OrdinalEncoder(categories=[COVER_ORDER, USAGE_ORDER]), ["cover_level", "usage"]),
        ("fuel", OneHotEncoder(categories=[FUEL_TYPES], drop="first", handle_unknown="error"), ["fuel_type"]),
        ("num", StandardScaler(), NUMERIC),
    ], remainder="drop")


def normalise(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    out["cover_level"] = out["cover_level"].str.lower().str.strip()
    out["fuel_type"] = out["fuel_type"].str.lower().str.strip()
    return out
