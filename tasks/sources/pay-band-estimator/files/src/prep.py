"""Data preparation for the pay-band estimator."""

import pandas as pd

NUMERIC = ["level", "years_experience", "last_rating", "remote"]
CATEGORICAL = ["department", "city_tier"]
TARGET = "base_salary"


def read_roster(path):
    roster = pd.read_csv(path)
    roster = roster.drop_duplicates("employee_id")
    return roster.dropna(subset=NUMERIC + CATEGORICAL + [TARGET]).reset_index(drop=True)


class Winsorizer:
    """Caps numeric columns at limits learned from the training roster."""

    def __init__(self, columns):
        self.columns = columns

    def fit(self, frame):
        quartiles = frame[self.columns].quantile([0.25, 0.75])
        self.lower_ = quartiles.loc[0.25]
        self.upper_ = quartiles.loc[0.75]
        return self

    def transform(self, frame):
        out = frame.copy()
        out[self.columns] = out[self.columns].clip(self.lower_, self.upper_, axis=1)
        return out
