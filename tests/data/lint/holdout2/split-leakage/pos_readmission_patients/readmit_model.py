# expect: DATA_LEAKAGE@29
"""30-day readmission model on the cardiology discharge extract."""
from pathlib import Path

import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import average_precision_score, roc_auc_score
from sklearn.model_selection import train_test_split

DATA_DIR = Path(__file__).parent / "data"

NUMERIC = ["age", "los_days", "n_medications", "n_diagnoses", "prior_admissions_12m", "egfr"]
FLAGS = ["heart_failure", "copd", "discharge_home"]


def load() -> pd.DataFrame:
    df = pd.read_csv(DATA_DIR / "admissions.csv")
    df["polypharmacy"] = (df["n_medications"] >= 10).astype(int)
    df["long_stay"] = (df["los_days"] > 7).astype(int)
    return df


def main() -> None:
    df = load()
    features = NUMERIC + FLAGS + ["polypharmacy", "long_stay"]
    X, y = df[features], df["readmitted_30d"]
    print(f"{len(df)} admissions, readmission rate {y.mean():.1%}")

    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, stratify=y, random_state=1)

    clf = HistGradientBoostingClassifier(
        learning_rate=0.05, max_iter=250, max_depth=4, l2_regularization=1.0, random_state=1
    )
    clf.fit(X_tr, y_tr)
    p = clf.predict_proba(X_te)[:, 1]
    print(f"ROC-AUC {roc_auc_score(y_te, p):.3f}  PR-AUC {average_precision_score(y_te, p):.3f}")


if __name__ == "__main__":
    main()
