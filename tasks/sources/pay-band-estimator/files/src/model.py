"""Pay-band estimator: predicts the market base salary for a role profile.

HR uses the prediction (and its typical error) to set the width of the pay
band offered for open positions.

    python src/model.py
"""

import sys
from pathlib import Path

import numpy as np
from sklearn.compose import make_column_transformer
from sklearn.metrics import mean_absolute_error, r2_score
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

sys.path.insert(0, str(Path(__file__).resolve().parent))
from prep import CATEGORICAL, NUMERIC, TARGET, Winsorizer, read_roster  # noqa: E402

ROSTER = Path(__file__).resolve().parents[1] / "data" / "compensation.csv"
SEED = 21
K = 12


def build_regressor():
    encode = make_column_transformer(
        (StandardScaler(), NUMERIC),
        (OneHotEncoder(handle_unknown="ignore"), CATEGORICAL),
    )
    return make_pipeline(encode, KNeighborsRegressor(n_neighbors=K, weights="distance"))


def main():
    roster = read_roster(ROSTER)
    train, test = train_test_split(roster, test_size=0.2, random_state=SEED)

    caps = Winsorizer(NUMERIC + [TARGET]).fit(train)
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
