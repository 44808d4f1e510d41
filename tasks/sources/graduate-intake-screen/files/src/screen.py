"""Graduate intake screen.

Scores applicants to the graduate trainee programme by their similarity to past
trainees: a k-nearest-neighbours model trained on earlier intakes, where the label
is whether the trainee was rated "meets or exceeds" at the 12-month review.
"""

import numpy as np
import pandas as pd
from sklearn.metrics import balanced_accuracy_score, roc_auc_score
from sklearn.model_selection import StratifiedKFold, cross_val_score, train_test_split
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import LabelEncoder, StandardScaler

CONFIG = {
    "data": "data/past_intakes.csv",
    "target": "good_review",
    "numeric": ["gpa", "aptitude_score", "interview_score", "months_experience"],
    "categorical": ["degree_field", "application_channel", "office"],
    "k": 15,
    "test_size": 0.25,
    "seed": 5,
}


def load(cfg):
    df = pd.read_csv(cfg["data"])
    df = df.dropna(subset=[cfg["target"]])
    df["months_experience"] = df["months_experience"].fillna(0)
    return df


def encode(train, test, cfg):
    train, test = train.copy(), test.copy()
    for col in cfg["categorical"]:
        enc = LabelEncoder().fit(train[col])
        train[col] = enc.transform(train[col])
        test[col] = enc.transform(test[col])
    return train, test


def make_model(cfg):
    return make_pipeline(StandardScaler(), KNeighborsClassifier(n_neighbors=cfg["k"], weights="distance"))


def main(cfg=CONFIG):
    df = load(cfg)
    features = cfg["numeric"] + cfg["categorical"]
    train, test = train_test_split(df, test_size=cfg["test_size"], random_state=cfg["seed"], stratify=df[cfg["target"]])
    train, test = encode(train, test, cfg)
    X_train, y_train = train[features], train[cfg["target"]].astype(int)
    X_test, y_test = test[features], test[cfg["target"]].astype(int)

    model = make_model(cfg)
    cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=cfg["seed"])
    cv_auc = cross_val_score(model, X_train, y_train, cv=cv, scoring="roc_auc")
    model.fit(X_train, y_train)
    proba = model.predict_proba(X_test)[:, 1]
    pred = (proba >= 0.5).astype(int)

    print(f"applicants: train={len(X_train)} test={len(X_test)} positive_rate={y_train.mean():.3f}")
    print(f"cv_roc_auc: {cv_auc.mean():.3f} (+/- {cv_auc.std():.3f})")
    print(f"test_roc_auc: {roc_auc_score(y_test, proba):.3f}")
    print(f"test_balanced_accuracy: {balanced_accuracy_score(y_test, pred):.3f}")
    top = np.argsort(-proba)[: len(proba) // 4]
    print(f"test_precision_top25: {y_test.to_numpy()[top].mean():.3f}")


if __name__ == "__main__":
    main()
