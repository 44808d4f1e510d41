# expect: NONE
"""Course completion model for the MOOC platform (enrolments from the spring run)."""
import argparse
from pathlib import Path

import pandas as pd
from sklearn.metrics import roc_auc_score, f1_score
from sklearn.model_selection import GridSearchCV, StratifiedKFold, train_test_split

from models import NUMERIC, build_classifier, describe


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=str(Path(__file__).parent / "data" / "enrolments.csv"))
    args = ap.parse_args()

    df = pd.read_csv(args.data)
    X_tr, X_te, y_tr, y_te = train_test_split(
        df[NUMERIC], df["completed"], test_size=0.25, stratify=df["completed"], random_state=0
    )
    search = GridSearchCV(
        build_classifier(), {"logit__C": [0.01, 0.1, 1.0, 10.0]},
        cv=StratifiedKFold(5, shuffle=True, random_state=0), scoring="roc_auc",
    )
    search.fit(X_tr, y_tr)
    p = search.predict_proba(X_te)[:, 1]
    print(f"C={search.best_params_['logit__C']}  test AUC {roc_auc_score(y_te, p):.3f}  F1 {f1_score(y_te, p > 0.5):.3f}")
    print(describe(search.best_estimator_))


if __name__ == "__main__":
    main()
