# expect: ENCODING_ERROR@15
import pandas as pd

CATEGORICAL = ["vehicle_class", "fuel"]
NUMERIC = ["driver_age", "annual_km"]


def load(path):
    return pd.read_csv(path)


def make_matrix(policies: pd.DataFrame) -> pd.DataFrame:
    out = policies[NUMERIC].copy()
    for col in CATEGORICAL:
        out[col], _ = pd.factorize(policies[col], sort=True)
    return out
