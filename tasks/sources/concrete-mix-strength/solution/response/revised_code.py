"""Response-surface model of concrete compressive strength for the mix-design lab.

Fits a polynomial response surface to the lab's cylinder tests and reports
how well it predicts strength on cylinders it has not seen (25 % held out).
The surface degree is chosen by 5-fold cross-validation on the training
cylinders only.
Run from the project root:  python response/revised_code.py
"""

from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.linear_model import LinearRegression
from sklearn.metrics import mean_squared_error, r2_score
from sklearn.model_selection import GridSearchCV, KFold, train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import PolynomialFeatures, StandardScaler

DATA_PATH = Path(__file__).resolve().parents[1] / "data" / "cylinder_tests.csv"
TARGET = "strength_mpa"
MIX_VARIABLES = ["cement_kg_m3", "water_cement_ratio", "fly_ash_pct", "superplasticizer_pct", "age_days"]
TEST_FRACTION = 0.25
SEED = 42


def read_tests(path=DATA_PATH):
    tests = pd.read_csv(path, parse_dates=["cast_date"])
    tests = tests[tests[TARGET] > 0]
    return tests[MIX_VARIABLES], tests[TARGET].to_numpy()


DEGREES = [1, 2, 3]


def make_model(degree=3):
    """Full polynomial response surface (all interactions up to `degree`) on standardised mix variables."""
    return Pipeline([
        ("standardise", StandardScaler()),
        ("terms", PolynomialFeatures(degree=degree, include_bias=False)),
        ("ols", LinearRegression()),
    ])


def select_surface(X_train, y_train):
    """Pick the surface degree by 5-fold CV on the training cylinders, then refit it on all of them."""
    search = GridSearchCV(
        make_model(),
        {"terms__degree": DEGREES},
        cv=KFold(n_splits=5, shuffle=True, random_state=SEED),
        scoring="neg_mean_squared_error",
        n_jobs=1,
    ).fit(X_train, y_train)
    for degree, score in zip(DEGREES, search.cv_results_["mean_test_score"]):
        print(f"  degree {degree}: cv_rmse {np.sqrt(-score):.2f}")
    print(f"chosen_degree: {search.best_params_['terms__degree']}")
    return search.best_estimator_


def rmse(y_true, y_pred):
    return float(np.sqrt(mean_squared_error(y_true, y_pred)))


def summarise(name, model, X, y):
    pred = model.predict(X)
    print(f"{name}_rmse: {rmse(y, pred):.2f}")
    print(f"{name}_r2: {r2_score(y, pred):.3f}")


def main():
    X, y = read_tests()
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=TEST_FRACTION, random_state=SEED)
    print(f"cylinders: {len(y)} (train {len(y_train)}, test {len(y_test)})")

    model = select_surface(X_train, y_train)
    print(f"surface_terms: {model.named_steps['terms'].n_output_features_}")

    summarise("train", model, X_train, y_train)
    summarise("test", model, X_test, y_test)

    grid = X_train.median().to_frame().T
    for wc in (0.40, 0.50, 0.60):
        grid["water_cement_ratio"] = wc
        grid["age_days"] = 28
        print(f"  predicted 28-day strength at w/c {wc:.2f}: {model.predict(grid)[0]:.1f} MPa")


if __name__ == "__main__":
    main()
