# expect: DATA_LEAKAGE@17
"""Column definitions and cleaning for the discharge-level readmission model."""
import pandas as pd

TARGET = "readmitted_30d"
ID_COLS = ["encounter_id"]
ALBUMIN_REF = 4.0  # g/dL, lab reference midpoint

FEATURES = [
    "age",
    "los_days",
    "n_medications",
    "n_diagnoses",
    "ed_visits_6m",
    "discharge_home",
    "lives_alone",
    "care_coord_contacts",
    "albumin_g_dl",
]


def clean(df: pd.DataFrame) -> pd.DataFrame:
    df = df.copy()
    df["care_coord_contacts"] = df["care_coord_contacts"].fillna(0)
    df["albumin_g_dl"] = df["albumin_g_dl"].fillna(ALBUMIN_REF)
    df["age"] = df["age"].clip(18, 100)
    return df


def matrices(df: pd.DataFrame):
    df = clean(df)
    return df[FEATURES], df[TARGET]
