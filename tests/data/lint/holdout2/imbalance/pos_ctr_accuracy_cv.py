# expect: IMBALANCE@32
"""Compare click models for the in-app promo banner (click rate ~1.8%)."""
import argparse

import pandas as pd
from lightgbm import LGBMClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

FEATURES = [
    "session_len_s", "screens_viewed", "hour", "dow", "days_since_install",
    "prev_purchases", "push_opt_in", "is_tablet", "banner_position",
]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="banner_impressions.parquet")
    ap.add_argument("--folds", type=int, default=5)
    args = ap.parse_args()

    df = pd.read_parquet(args.data)
    X, y = df[FEATURES], df["clicked"]
    cv = StratifiedKFold(n_splits=args.folds, shuffle=True, random_state=0)
    models = {
        "logreg": make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000)),
        "lgbm": LGBMClassifier(n_estimators=300, learning_rate=0.05, num_leaves=31, verbose=-1),
    }
    for name, model in models.items():
        scores = cross_val_score(model, X, y, cv=cv, scoring="accuracy")
        print(f"{name:<8s} accuracy {scores.mean():.4f} +/- {scores.std():.4f}")


if __name__ == "__main__":
    main()
