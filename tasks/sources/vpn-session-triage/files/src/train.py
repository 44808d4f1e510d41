"""Account-takeover triage for VPN sessions.

k-nearest-neighbour classifier on per-session login features. Normal sessions
far outnumber takeovers, so the normal class is down-sampled to a fixed ratio
before the classifier is trained and evaluated.

    python src/train.py [--seed 3]
"""

import argparse
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import f1_score, precision_score, recall_score
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

DATA_PATH = Path(__file__).resolve().parents[1] / "data" / "sessions.csv"
LABEL = "takeover"
SKEWED = ["geo_distance_km", "mb_downloaded", "session_minutes", "mfa_seconds", "account_tenure_days"]
NORMAL_PER_TAKEOVER = 3
N_NEIGHBORS = 15


def read_sessions(path=DATA_PATH):
    df = pd.read_csv(path).set_index("session_id")
    df[SKEWED] = np.log1p(df[SKEWED])
    return df


def downsample_normal(df, seed):
    takeovers = df[df[LABEL] == 1]
    normal = df[df[LABEL] == 0].sample(n=NORMAL_PER_TAKEOVER * len(takeovers), random_state=seed)
    return pd.concat([takeovers, normal]).sample(frac=1.0, random_state=seed)


def split_xy(df):
    return df.drop(columns=[LABEL]), df[LABEL].to_numpy()


def fit_knn(X, y):
    model = make_pipeline(StandardScaler(), KNeighborsClassifier(n_neighbors=N_NEIGHBORS))
    return model.fit(X, y)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()

    sessions = read_sessions()
    print(f"sessions: {len(sessions)}  takeovers: {int(sessions[LABEL].sum())}")
    sessions = downsample_normal(sessions, args.seed)
    train, test = train_test_split(sessions, test_size=0.25, stratify=sessions[LABEL], random_state=args.seed)

    X_train, y_train = split_xy(train)
    X_test, y_test = split_xy(test)
    model = fit_knn(X_train, y_train)
    pred = model.predict(X_test)

    print(f"train_rows: {len(y_train)}  test_rows: {len(y_test)}")
    print(f"test_alerts: {int(pred.sum())}")
    print(f"test_precision: {precision_score(y_test, pred, zero_division=0):.3f}")
    print(f"test_recall: {recall_score(y_test, pred):.3f}")
    print(f"test_f1: {f1_score(y_test, pred):.3f}")


if __name__ == "__main__":
    main()
