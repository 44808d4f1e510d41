"""Train and evaluate the next-day PM2.5 regressor.

usage: python train.py [--cutoff 2023-07-01]
"""
import argparse

import pandas as pd
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.metrics import mean_absolute_error, r2_score

from features import build_features, feature_columns


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--data", default="data/pm25_daily.csv")
    p.add_argument("--cutoff", default="2023-07-01")
    p.add_argument("--lr", type=float, default=0.05)
    return p.parse_args()


def main():
    args = parse_args()
    raw = pd.read_csv(args.data)
    df = build_features(raw)
    cols = feature_columns(df)

    is_train = pd.to_datetime(df["date"]) < pd.Timestamp(args.cutoff)
    train, test = df[is_train], df[~is_train]

    model = HistGradientBoostingRegressor(
        learning_rate=args.lr, max_iter=300, max_leaf_nodes=15, random_state=3
    )
    model.fit(train[cols], train["pm25"])
    pred = model.predict(test[cols])

    print(f"rows train/test: {len(train)}/{len(test)}")
    print(f"MAE  ug/m3: {mean_absolute_error(test['pm25'], pred):.2f}")
    print(f"R2        : {r2_score(test['pm25'], pred):.3f}")


if __name__ == "__main__":
    main()
