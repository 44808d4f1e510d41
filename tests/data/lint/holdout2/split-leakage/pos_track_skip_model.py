# expect: DATA_LEAKAGE@35
"""Predict whether a newly released track will be mostly skipped (>50%)."""
from typing import Tuple

import pandas as pd
from lightgbm import LGBMClassifier
from sklearn.metrics import roc_auc_score, log_loss
from sklearn.model_selection import train_test_split

AUDIO = ["tempo", "energy", "danceability", "valence", "loudness_db", "duration_s", "intro_s"]
META = ["artist_followers_log", "label_major", "explicit", "release_hour"]


def load_tracks(path: str) -> Tuple[pd.DataFrame, pd.Series]:
    df = pd.read_parquet(path)
    df = df.drop_duplicates("track_id")
    y = (df["skip_rate_7d"] > 0.5).astype(int)
    return df[AUDIO + META], y


def train(X: pd.DataFrame, y: pd.Series) -> LGBMClassifier:
    model = LGBMClassifier(
        n_estimators=400, learning_rate=0.03, num_leaves=31,
        min_child_samples=40, subsample=0.8, colsample_bytree=0.8, verbose=-1,
    )
    model.fit(X, y)
    return model


def main() -> None:
    X, y = load_tracks("tracks_2023q4.parquet")
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=0.2, stratify=y, random_state=42
    )
    model = train(X, y)
    p = model.predict_proba(X_test)[:, 1]
    print(f"test AUC     : {roc_auc_score(y_test, p):.3f}")
    print(f"test log-loss: {log_loss(y_test, p):.3f}")
    print(f"n_train={len(X_train)} n_test={len(X_test)} positive rate={y.mean():.2%}")


if __name__ == "__main__":
    main()
