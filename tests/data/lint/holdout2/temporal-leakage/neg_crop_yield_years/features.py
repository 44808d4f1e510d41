# expect: NONE
"""Per-field history features for the yield model."""
import pandas as pd

BASE = ["rain_mm", "gdd", "n_applied_kg_ha"]


def field_history(df: pd.DataFrame) -> pd.DataFrame:
    """Add features that only look at earlier seasons of the same field."""
    df = df.sort_values(["field_id", "year"]).reset_index(drop=True)
    g = df.groupby("field_id")
    df["yield_prev"] = g["yield_t_ha"].shift(1)
    df["yield_prev2"] = g["yield_t_ha"].shift(2)
    df["yield_hist_mean"] = g["yield_t_ha"].transform(lambda s: s.shift(1).expanding().mean())
    df["rain_hist_mean"] = g["rain_mm"].transform(lambda s: s.shift(1).expanding().mean())
    df["rain_anomaly"] = df["rain_mm"] - df["rain_hist_mean"]
    return df


def feature_list() -> list:
    return BASE + ["yield_prev", "yield_prev2", "yield_hist_mean", "rain_anomaly"]


def season_split(df: pd.DataFrame, first_test_year: int):
    train = df[df["year"] < first_test_year]
    test = df[df["year"] >= first_test_year]
    assert train["year"].max() < test["year"].min()
    return train, test
