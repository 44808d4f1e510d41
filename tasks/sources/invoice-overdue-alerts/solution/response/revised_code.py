"""Weekly overdue-invoice alert model (corrected).

Same features, random-forest settings, class balancing, test share and seed as
train_model.py. The only change: the data is split first (stratified on the
real class mix) and the overdue invoices are resampled within the training
split only. The test split keeps its real ~16 % overdue share and contains no
copies of training invoices.

Run from the project root:  python response/revised_code.py
"""

import numpy as np
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import f1_score, precision_score, recall_score, roc_auc_score
from sklearn.model_selection import train_test_split

DATA_PATH = "data/invoices.csv"
TARGET = "overdue_60d"
CATEGORICAL = ["industry"]
SEED = 11
TEST_SIZE = 0.25
N_TREES = 150


def load_invoices(path=DATA_PATH):
    df = pd.read_csv(path)
    df = df.drop(columns=["invoice_id"])
    df["amount_log"] = np.log1p(df["invoice_amount"])
    df["late_x_util"] = df["past_late_ratio"] * df["credit_utilisation"]
    return pd.get_dummies(df, columns=CATEGORICAL, dtype=float)


def balance_classes(df, seed=SEED):
    """Resample the overdue invoices with replacement until both classes are the same size."""
    rng = np.random.default_rng(seed)
    majority = df[df[TARGET] == 0]
    minority = df[df[TARGET] == 1]
    extra = minority.iloc[rng.integers(0, len(minority), len(majority) - len(minority))]
    return pd.concat([majority, minority, extra]).sample(frac=1.0, random_state=seed).reset_index(drop=True)


def fit_forest(X, y):
    forest = RandomForestClassifier(n_estimators=N_TREES, min_samples_leaf=5, max_features="sqrt",
                                    random_state=SEED, n_jobs=1)
    return forest.fit(X, y)


def report(y_true, proba, threshold=0.5):
    pred = (proba >= threshold).astype(int)
    return {
        "precision": precision_score(y_true, pred, zero_division=0),
        "recall": recall_score(y_true, pred),
        "f1": f1_score(y_true, pred),
        "roc_auc": roc_auc_score(y_true, proba),
    }


def main():
    invoices = load_invoices()
    print(f"invoices: {len(invoices)}  overdue share: {invoices[TARGET].mean():.3f}")

    # Split the original invoices first; only the training part is rebalanced.
    train, test = train_test_split(invoices, test_size=TEST_SIZE, stratify=invoices[TARGET], random_state=SEED)
    train = balance_classes(train)
    X_train, y_train = train.drop(columns=[TARGET]), train[TARGET].to_numpy()
    X_test, y_test = test.drop(columns=[TARGET]), test[TARGET].to_numpy()

    forest = fit_forest(X_train, y_train)
    scores = report(y_test, forest.predict_proba(X_test)[:, 1])

    print(f"train rows: {len(y_train)}  test rows: {len(y_test)}  test overdue share: {y_test.mean():.3f}")
    for name in ["precision", "recall", "f1", "roc_auc"]:
        print(f"test_{name}: {scores[name]:.3f}")


if __name__ == "__main__":
    main()
