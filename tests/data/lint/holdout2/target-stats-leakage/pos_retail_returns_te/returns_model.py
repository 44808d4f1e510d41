# expect: DATA_LEAKAGE@23
"""Return-propensity model for the online apparel store."""
from pathlib import Path

import pandas as pd
from category_encoders import TargetEncoder
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import roc_auc_score, f1_score
from sklearn.model_selection import train_test_split

DATA = Path(__file__).parent / "data" / "orders.csv"
HIGH_CARD = ["product_line", "brand"]
NUMERIC = ["price", "discount_pct", "n_items", "customer_prior_orders", "size_deviation"]


def main():
    orders = pd.read_csv(DATA)
    y = orders["returned"]
    X = orders[HIGH_CARD + NUMERIC + ["channel"]].copy()
    X = pd.get_dummies(X, columns=["channel"], drop_first=True)

    te = TargetEncoder(cols=HIGH_CARD, smoothing=10.0)
    X = te.fit_transform(X, y)

    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, stratify=y, random_state=12)
    rf = RandomForestClassifier(n_estimators=500, min_samples_leaf=5, max_depth=10, random_state=12, n_jobs=-1)
    rf.fit(X_tr, y_tr)
    proba = rf.predict_proba(X_te)[:, 1]
    print(f"return rate {y.mean():.1%}")
    print(f"ROC-AUC {roc_auc_score(y_te, proba):.3f}  F1@0.5 {f1_score(y_te, proba > 0.5):.3f}")


if __name__ == "__main__":
    main()
