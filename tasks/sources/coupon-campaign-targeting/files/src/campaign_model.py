"""Coupon campaign targeting.

Learns from last spring's coupon campaign which customers redeemed, so that the
autumn campaign can be sent to the customers most likely to redeem.
"""

import argparse

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, roc_auc_score
from sklearn.model_selection import StratifiedKFold, cross_val_score, train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

TARGET = "redeemed"
NUMERIC = ["orders_12m", "spend_12m", "days_since_last_order", "email_opens_90d"]
CATEGORICAL = ["region", "interests"]


def get_args():
    ap = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    ap.add_argument("--data", default="data/spring_campaign.csv")
    ap.add_argument("--C", type=float, default=1.0)
    ap.add_argument("--seed", type=int, default=17)
    return ap.parse_args()


def read_campaign(path):
    df = pd.read_csv(path, dtype={"interests": "string"})
    df["interests"] = df["interests"].fillna("none")
    df["spend_12m"] = np.log1p(df["spend_12m"])
    return df


def build_model(C):
    prep = ColumnTransformer(
        [
            ("num", StandardScaler(), NUMERIC),
            ("cat", OneHotEncoder(handle_unknown="ignore"), CATEGORICAL),
        ]
    )
    return Pipeline([("prep", prep), ("clf", LogisticRegression(C=C, max_iter=2000))])


def lift_at(y_true, scores, frac=0.10):
    n_top = max(1, int(len(scores) * frac))
    top = np.argsort(-scores)[:n_top]
    return y_true[top].mean() / y_true.mean()


def main():
    args = get_args()
    df = read_campaign(args.data)
    X, y = df[NUMERIC + CATEGORICAL], df[TARGET].to_numpy()
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, stratify=y, random_state=args.seed)

    model = build_model(args.C)
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=args.seed)
    cv = cross_val_score(model, X_tr, y_tr, cv=folds, scoring="roc_auc")
    model.fit(X_tr, y_tr)
    p = model.predict_proba(X_te)[:, 1]

    print(f"customers: {len(df)}  redemption rate: {y.mean():.3f}")
    print(f"cv_roc_auc: {cv.mean():.3f} (+/- {cv.std():.3f})")
    print(f"test_roc_auc: {roc_auc_score(y_te, p):.3f}")
    print(f"test_average_precision: {average_precision_score(y_te, p):.3f}")
    print(f"test_lift_top10: {lift_at(y_te, p):.2f}")


if __name__ == "__main__":
    main()
