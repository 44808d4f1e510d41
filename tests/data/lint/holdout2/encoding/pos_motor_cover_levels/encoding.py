# expect: ENCODING_ERROR@5
"""Categorical handling for the motor premium model."""
import pandas as pd

COVER_LEVELS = {"basic": 0, "premium": 1, "standard": 2}
FUEL_TYPES = ["petrol", "diesel", "hybrid", "electric"]
USAGE = {"social": 0, "commute": 1, "business": 2}


def encode(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    out["cover_level"] = out["cover_level"].str.lower().map(COVER_LEVELS)
    out["usage"] = out["usage"].map(USAGE)
    fuel = pd.Categorical(out.pop("fuel_type"), categories=FUEL_TYPES)
    dummies = pd.get_dummies(fuel, prefix="fuel", dtype=float)
    dummies.index = out.index
    out = pd.concat([out, dummies.drop(columns="fuel_petrol")], axis=1)
    return out


def check(df: pd.DataFrame) -> None:
    missing = df[["cover_level", "usage"]].isna().sum()
    if missing.any():
        raise ValueError(f"unmapped categories:\n{missing}")
