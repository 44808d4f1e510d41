# expect: NONE
import pandas as pd

CATEGORICAL = ["vehicle_class", "fuel"]
NUMERIC = ["driver_age", "annual_km"]


def load(path):
    return pd.read_csv(path)


def learn_categories(policies: pd.DataFrame) -> dict:
    return {col: pd.CategoricalDtype(sorted(policies[col].dropna().unique())) for col in CATEGORICAL}


def make_matrix(policies: pd.DataFrame, dtypes: dict) -> pd.DataFrame:
    out = policies[NUMERIC].copy()
    for col in CATEGORICAL:
        out[col] = policies[col].astype(dtypes[col]).cat.codes
    return out
