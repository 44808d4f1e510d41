# expect: NONE
"""Field-level hold-out for the leaf-blight classifier."""
import numpy as np
import pandas as pd


def split_by_field(df: pd.DataFrame, test_share: float = 0.25, seed: int = 13):
    """Hold out whole fields so that no field contributes to both parts."""
    fields = np.sort(df["field_id"].unique())
    rng = np.random.default_rng(seed)
    rng.shuffle(fields)
    n_test = max(1, int(len(fields) * test_share))
    test_fields = set(fields[:n_test])
    is_test = df["field_id"].isin(test_fields)
    train, test = df[~is_test].copy(), df[is_test].copy()
    overlap = set(train["field_id"]) & set(test["field_id"])
    assert not overlap, overlap
    return train, test


def summary(train: pd.DataFrame, test: pd.DataFrame) -> str:
    return (
        f"train: {train.field_id.nunique()} fields / {len(train)} readings, "
        f"test: {test.field_id.nunique()} fields / {len(test)} readings"
    )
