"""Feature preparation for the daily labour-hours model."""

import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.preprocessing import MinMaxScaler

VOLUME = ["orders", "order_lines", "returns_received"]
MIX = ["lines_per_order", "multi_item_share", "temp_staff_share"]
FLAGS = ["is_weekend", "promo_day"]
FEATURES = VOLUME + MIX + FLAGS
TARGET = "labour_hours"


def add_features(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    out["date"] = pd.to_datetime(out["date"])
    out["order_lines"] = out["orders"] * out["lines_per_order"]
    return out


def make_preprocessor() -> ColumnTransformer:
    """Bring the volume and mix columns to [0, 1]; the 0/1 flags pass through."""
    return ColumnTransformer(
        [
            ("volume", MinMaxScaler(clip=True), VOLUME),
            ("mix", MinMaxScaler(clip=True), MIX),
            ("flags", "passthrough", FLAGS),
        ]
    )
