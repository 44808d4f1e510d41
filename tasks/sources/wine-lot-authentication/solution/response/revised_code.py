"""Cultivar authentication from a wine lot's chemical analysis.

Each incoming lot is analysed by the lab (13 measurements); the classifier
predicts which of the three registered cultivars the lot comes from so that
lots whose declared cultivar disagrees with the prediction can be re-tested.

    python response/revised_code.py

Revised: each measurement is standardised per feature (mean and standard
deviation learnt on the training lots, applied unchanged to the test lots)
instead of rescaling every lot's vector of 13 measurements to unit length.
"""

import json
from pathlib import Path

import pandas as pd
from sklearn.metrics import accuracy_score, confusion_matrix, f1_score
from sklearn.model_selection import GridSearchCV, StratifiedKFold, train_test_split
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

ROOT = Path(__file__).resolve().parents[1]
CONFIG = {
    "data": ROOT / "data" / "lab_results.csv",
    "target": "cultivar",
    "test_size": 0.3,
    "seed": 11,
    "param_grid": {"C": [1.0, 10.0, 100.0], "gamma": ["scale"]},
    "cv_folds": 5,
}


def load_lab_results(path):
    df = pd.read_csv(path)
    features = [c for c in df.columns if c not in ("lot_id", CONFIG["target"])]
    return df, features


def prepare_features(train_df, test_df, features):
    scaler = StandardScaler().fit(train_df[features].to_numpy(dtype=float))
    X_train = scaler.transform(train_df[features].to_numpy(dtype=float))
    X_test = scaler.transform(test_df[features].to_numpy(dtype=float))
    return X_train, X_test


def fit_classifier(X, y, seed):
    cv = StratifiedKFold(n_splits=CONFIG["cv_folds"], shuffle=True, random_state=seed)
    search = GridSearchCV(SVC(kernel="rbf"), CONFIG["param_grid"], cv=cv, scoring="f1_macro", n_jobs=1)
    search.fit(X, y)
    return search


def evaluate(model, X, y):
    pred = model.predict(X)
    return {
        "accuracy": accuracy_score(y, pred),
        "macro_f1": f1_score(y, pred, average="macro"),
        "confusion": confusion_matrix(y, pred).tolist(),
    }


def main():
    df, features = load_lab_results(CONFIG["data"])
    train_df, test_df = train_test_split(
        df, test_size=CONFIG["test_size"], stratify=df[CONFIG["target"]], random_state=CONFIG["seed"]
    )
    X_train, X_test = prepare_features(train_df, test_df, features)
    y_train = train_df[CONFIG["target"]].to_numpy()
    y_test = test_df[CONFIG["target"]].to_numpy()

    search = fit_classifier(X_train, y_train, CONFIG["seed"])
    result = evaluate(search.best_estimator_, X_test, y_test)

    print(f"lots: {len(df)}  train: {len(train_df)}  test: {len(test_df)}  features: {len(features)}")
    print(f"best params: {json.dumps(search.best_params_)}")
    print(f"confusion (rows = true cultivar): {result['confusion']}")
    print(f"cv_macro_f1: {search.best_score_:.3f}")
    print(f"test_accuracy: {result['accuracy']:.3f}")
    print(f"test_macro_f1: {result['macro_f1']:.3f}")


if __name__ == "__main__":
    main()
