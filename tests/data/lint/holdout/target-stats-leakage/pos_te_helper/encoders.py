"""Smoothed mean-target encoding used by several of our tabular models."""
# expect: DATA_LEAKAGE@18
import pandas as pd


def smoothed_means(keys: pd.Series, target: pd.Series, alpha: float = 10.0) -> pd.Series:
    global_mean = target.mean()
    agg = target.groupby(keys).agg(["mean", "count"])
    return (agg["count"] * agg["mean"] + alpha * global_mean) / (agg["count"] + alpha)


def add_target_encoding(train, test, cols, target, alpha=10.0):
    """Add `<col>_te` columns to both frames; returns new frames."""
    train = train.copy()
    test = test.copy()
    both = pd.concat([train, test], axis=0)
    for col in cols:
        table = smoothed_means(both[col], both[target], alpha)
        fallback = both[target].mean()
        train[f"{col}_te"] = train[col].map(table).fillna(fallback)
        test[f"{col}_te"] = test[col].map(table).fillna(fallback)
    return train, test


def frequency_encode(train, test, cols):
    train = train.copy()
    test = test.copy()
    for col in cols:
        freq = train[col].value_counts(normalize=True)
        train[f"{col}_freq"] = train[col].map(freq)
        test[f"{col}_freq"] = test[col].map(freq).fillna(0.0)
    return train, test
