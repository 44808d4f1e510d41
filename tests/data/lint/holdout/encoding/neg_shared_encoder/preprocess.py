"""Cleaning + encoding for the insurance cross-sell competition files."""
import numpy as np
import pandas as pd
from sklearn.preprocessing import OrdinalEncoder

CATEGORICAL = ["Gender", "Vehicle_Age", "Vehicle_Damage", "Region_Code", "Policy_Sales_Channel"]
NUMERIC = ["Age", "Driving_License", "Previously_Insured", "Annual_Premium", "Vintage"]


def clean(df: pd.DataFrame) -> pd.DataFrame:
    df = df.copy()
    df["Region_Code"] = df["Region_Code"].astype(int).astype(str)
    df["Policy_Sales_Channel"] = df["Policy_Sales_Channel"].astype(int).astype(str)
    df["Annual_Premium"] = np.log1p(df["Annual_Premium"])
    return df


class FrameEncoder:
    """Learns the category -> code mapping once and reuses it for every split."""

    def __init__(self):
        self.enc = OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=-1)

    def fit(self, df: pd.DataFrame) -> "FrameEncoder":
        self.enc.fit(clean(df)[CATEGORICAL])
        return self

    def transform(self, df: pd.DataFrame) -> pd.DataFrame:
        df = clean(df)
        codes = self.enc.transform(df[CATEGORICAL])
        out = pd.DataFrame(codes, columns=CATEGORICAL, index=df.index)
        return pd.concat([out, df[NUMERIC]], axis=1)
