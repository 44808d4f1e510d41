# expect: DATA_LEAKAGE@22-23
"""Partitioning helpers for the etch-chamber QA dataset."""
from typing import Tuple

import pandas as pd

SEED = 2024


def shuffle_rows(df: pd.DataFrame, seed: int = SEED) -> pd.DataFrame:
    return df.sample(frac=1.0, random_state=seed).reset_index(drop=True)


def make_partitions(
    df: pd.DataFrame, train_frac: float = 0.85, test_frac: float = 0.25, seed: int = SEED
) -> Tuple[pd.DataFrame, pd.DataFrame]:
    """Return (train, test) after a seeded shuffle."""
    df = shuffle_rows(df, seed)
    n = len(df)
    n_train = int(round(n * train_frac))
    n_test = int(round(n * test_frac))
    train = df.iloc[:n_train]
    test = df.iloc[-n_test:]
    return train.reset_index(drop=True), test.reset_index(drop=True)


def describe(train: pd.DataFrame, test: pd.DataFrame, target: str = "defect") -> None:
    for name, part in (("train", train), ("test", test)):
        print(f"{name:>5}: n={len(part):4d}  defect rate={part[target].mean():.2%}")
