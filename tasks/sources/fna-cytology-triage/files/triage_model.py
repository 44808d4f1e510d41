"""Malignancy triage model for fine-needle aspirate (FNA) cytology.

Predicts whether an aspirate is malignant from 30 digitised nuclear features.
Hyper-parameters (number of features kept, SVM C) are chosen by grid search.
Performance is estimated twice: by nested cross-validation on the development
cases and once on held-out cases. The deployed model is then refitted on every
labelled case and its selected features are listed for the pathologists.
"""

from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.feature_selection import SelectKBest, f_classif
from sklearn.metrics import accuracy_score, recall_score, roc_auc_score
from sklearn.model_selection import GridSearchCV, StratifiedKFold, cross_val_score, train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

DATA_PATH = Path("data") / "fna_nuclei.csv"
SEED = 23
GRID = {"select__k": [8, 30], "svm__C": [0.5, 5.0]}


def read_cases(path=DATA_PATH):
    df = pd.read_csv(path)
    X = df.drop(columns=["case_id", "diagnosis"])
    y = (df["diagnosis"] == "malignant").astype(int).to_numpy()
    return X, y


def make_search(seed=SEED):
    pipe = Pipeline([
        ("scale", StandardScaler()),
        ("select", SelectKBest(f_classif)),
        ("svm", SVC(kernel="rbf", gamma="scale")),
    ])
    inner = StratifiedKFold(n_splits=3, shuffle=True, random_state=seed)
    return GridSearchCV(pipe, GRID, cv=inner, scoring="roc_auc", n_jobs=1)


def nested_cv(X, y, seed=SEED):
    outer = StratifiedKFold(n_splits=5, shuffle=True, random_state=seed + 1)
    return cross_val_score(make_search(seed), X, y, cv=outer, scoring="accuracy", n_jobs=1)


def main():
    X, y = read_cases()
    X_dev, X_test, y_dev, y_test = train_test_split(X, y, test_size=0.3, stratify=y, random_state=SEED)
    print(f"cases: {len(y)}  malignant: {y.mean():.3f}  development: {len(y_dev)}  held-out: {len(y_test)}")

    scores = nested_cv(X_dev, y_dev)
    print(f"nested_cv_accuracy: {scores.mean():.3f} (+/- {scores.std():.3f})")

    search = make_search().fit(X_dev, y_dev)
    pred = search.predict(X_test)
    print(f"chosen: {search.best_params_}")
    print(f"test_accuracy: {accuracy_score(y_test, pred):.3f}")
    print(f"test_sensitivity: {recall_score(y_test, pred):.3f}")
    print(f"test_specificity: {recall_score(y_test, pred, pos_label=0):.3f}")
    print(f"test_roc_auc: {roc_auc_score(y_test, search.decision_function(X_test)):.3f}")

    deployed = make_search().fit(X, y)
    kept = deployed.best_estimator_.named_steps["select"].get_support()
    print(f"deployed model: {deployed.best_params_}")
    print(f"features used: {', '.join(np.asarray(X.columns)[kept])}")


if __name__ == "__main__":
    main()
