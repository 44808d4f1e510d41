"""Train the readmission classifier and write a short model card."""
import json
from pathlib import Path

import pandas as pd
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.metrics import average_precision_score, roc_auc_score
from sklearn.model_selection import train_test_split

from features import FEATURES, matrices

HERE = Path(__file__).parent


def main():
    X, y = matrices(pd.read_csv(HERE / "data" / "discharges.csv"))
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, stratify=y, random_state=6)

    gb = GradientBoostingClassifier(n_estimators=200, max_depth=3, learning_rate=0.05, subsample=0.8, random_state=6)
    gb.fit(X_tr, y_tr)
    p = gb.predict_proba(X_te)[:, 1]

    card = {
        "features": FEATURES,
        "roc_auc": round(roc_auc_score(y_te, p), 4),
        "pr_auc": round(average_precision_score(y_te, p), 4),
        "prevalence": round(float(y.mean()), 4),
    }
    print(json.dumps(card, indent=2))


if __name__ == "__main__":
    main()
