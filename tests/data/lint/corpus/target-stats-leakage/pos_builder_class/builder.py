import pandas as pd


class FeatureBuilder:
    def __init__(self, target: str, cat_cols: list[str]):
        self.target = target
        self.cat_cols = cat_cols
        self.maps: dict[str, pd.Series] = {}

    def fit(self, df: pd.DataFrame) -> "FeatureBuilder":
        for col in self.cat_cols:
            self.maps[col] = df.groupby(col)[self.target].median()
        return self

    def transform(self, df: pd.DataFrame) -> pd.DataFrame:
        out = df.copy()
        for col, m in self.maps.items():
            out[f"{col}_median_target"] = out[col].map(m)
        return out.drop(columns=self.cat_cols)
