"""Loading and feature preparation for the churn model."""

from pathlib import Path

import pandas as pd

DATA_DIR = Path("data")
ID_COL = "customer_id"
TARGET = "churned"
NUMERIC = ["tenure_months", "monthly_charges", "data_gb", "support_calls"]
CATEGORICAL = ["contract", "plan", "payment_method", "region"]


def load_snapshot(name):
    df = pd.read_csv(DATA_DIR / f"{name}.csv")
    df = df.drop_duplicates(subset=ID_COL).reset_index(drop=True)
    for col in CATEGORICAL:
        df[col] = df[col].str.strip().str.lower()
    return df


def add_ratios(df):
    out = df.copy()
    out["charge_per_gb"] = out["monthly_charges"] / (out["data_gb"] + 1.0)
    out["calls_per_year"] = out["support_calls"] * 12.0 / out["tenure_months"].clip(lower=1)
    return out


def to_matrix(df):
    df = add_ratios(df)
    X = df[NUMERIC + ["charge_per_gb", "calls_per_year"]].copy()
    for col in CATEGORICAL:
        X[col] = df[col].astype("category").cat.codes
    return X, df[TARGET].to_numpy()
