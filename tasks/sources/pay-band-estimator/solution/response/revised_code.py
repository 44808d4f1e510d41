"""Pay-band estimator: predicts the market base salary for a role profile.

Corrected, standalone version of src/model.py + src/prep.py. The winsorizer
capped every numeric column (and the salary target) at its own first and third
quartile, i.e. it flattened the top and bottom quarter of levels, experience
and salaries. It now caps features at the Tukey fences (Q1 - 1.5 IQR,
Q3 + 1.5 IQR) learned on the training roster, which only bounds implausible
values such as experience recorded in months, and the target is no longer
capped: high salaries at levels 5-6 are genuine and are what the model must learn.

    python response/revised_code.py
"""

from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.compose import make_column_transformer
from sklearn.metrics import mean_absolute_error, r2_score
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

ROSTER = Path(__file__).resolve().parents[1] / "data" / "compensation.csv"
NUMERIC = ["level", "years_experience", "last_rating", "remote"]
CATEGORICAL = ["department", "city_tier"]
TARGET = "base_salary"
SEED = 21
K = 12


def read_roster(path):
    roster = pd.read_csv(path)
    roster = roster.drop_duplicates("employee_id")
    return roster.dropna(subset=NUMERIC + CATEGORICAL + [TARGET]).reset_index(drop=True)


class Winsorizer:
    """Caps numeric columns at Tukey fences learned from the training roster."""

    def __init__(self, columns, k=1.5):
        self.columns = columns
        self.k = k

    def fit(self, frame):
        quartiles = frame[self.columns].quantile([0.25, 0.75])
        iqr = quartiles.loc[0.75] - quartiles.loc[0.25]
        self.lower_ = quartiles.loc[0.25] - self.k * iqr
        self.upper_ = quartiles.loc[0.75] + self.k * iqr
        return self

    def transform(self, frame):
        out = frame.copy()
        out[self.columns] = out[self.columns].clip(self.lower_, self.upper_, axis=1)
        return out


def build_regressor():
    encode = make_column_transformer(
        (StandardScaler(), NUMERIC),
        (OneHotEncoder(handle_unknown="ignore"), CATEGORICAL),
    )
    return make_pipeline(encode, KNeighborsRegressor(n_neighbors=K, weights="distance"))


def main():
    roster = read_roster(ROSTER)
    train, test = train_test_split(roster, test_size=0.2, random_state=SEED)

    caps = Winsorizer(NUMERIC).fit(train)
    train_c, test_c = caps.transform(train), caps.transform(test)

    model = build_regressor().fit(train_c[NUMERIC + CATEGORICAL], train_c[TARGET])
    pred = model.predict(test_c[NUMERIC + CATEGORICAL])
    actual = test[TARGET].to_numpy()
    rel = np.abs(pred - actual) / actual
    print(f"employees: {len(roster)}  train: {len(train)}  test: {len(test)}")
    print(f"test_mae_usd: {mean_absolute_error(actual, pred):.0f}")
    print(f"test_r2: {r2_score(actual, pred):.3f}")
    print(f"test_within_10pct: {np.mean(rel <= 0.10):.3f}")


if __name__ == "__main__":
    main()
