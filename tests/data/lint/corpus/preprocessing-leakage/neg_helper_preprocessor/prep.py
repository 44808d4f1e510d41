import numpy as np
import pandas as pd
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import RobustScaler


class Preprocessor:
    def __init__(self, numeric: list[str]):
        self.numeric = numeric
        self.imputer = SimpleImputer(strategy="median")
        self.scaler = RobustScaler()

    def fit(self, df: pd.DataFrame) -> "Preprocessor":
        filled = self.imputer.fit_transform(df[self.numeric])
        self.scaler.fit(filled)
        return self

    def transform(self, df: pd.DataFrame) -> np.ndarray:
        return self.scaler.transform(self.imputer.transform(df[self.numeric]))
