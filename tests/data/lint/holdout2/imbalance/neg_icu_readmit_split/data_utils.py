# expect: NONE
"""Loading and partitioning of the ICU step-down cohort."""
from pathlib import Path
from typing import Tuple

import pandas as pd
from sklearn.model_selection import train_test_split

ROOT = Path(__file__).parent
TARGET = "returned_to_icu_72h"
VITALS = ["hr_last", "sbp_last", "spo2_last", "rr_last", "temp_last"]
LABS = ["lactate", "creatinine", "wbc", "hb"]
OTHER = ["age", "icu_los_h", "sofa_at_discharge", "ventilated", "vasopressors"]


def load_cohort() -> pd.DataFrame:
    return pd.read_csv(ROOT / "data" / "icu_stays.csv").dropna(subset=[TARGET])


def feature_names() -> list:
    return VITALS + LABS + OTHER


def split(df: pd.DataFrame, test_size: float = 0.3, seed: int = 0) -> Tuple[pd.DataFrame, pd.DataFrame]:
    train, test = train_test_split(df, test_size=test_size, stratify=df[TARGET], random_state=seed)
    return train.reset_index(drop=True), test.reset_index(drop=True)
