# expect: NONE
"""Return-propensity model for the online apparel store (encoder in pipeline)."""
from pathlib import Path

import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold, cross_val_score, train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, TargetEncoder

DATA = Path(__file__).parent / "data" / "orders.csv"
HIGH_CARD = ["product_line", "brand"]
NUMERIC = ["price", "discount_pct", "n_items", "customer_prior_orders", "size_deviation"]


def build() -> Pipeline:
    pre = ColumnTransformer([
        ("te", TargetEncoder(target_type="binary", cv=5, random_state=12), HIGH_CARD),
        ("oh", OneHotEncoder(handle_unknown="ignore"), ["channel"]),
        ("num", "passthrough", NUMERIC),
    ])
    rf = RandomForestClassifier(n_estimators=500, min_samples_leaf=5, max_depth=10, random_state=12, n_jobs=-1)
    return Pipeline([("pre", pre), ("rf", rf)])


def main():
    orders = pd.read_csv(DATA)
    X, y = orders[HIGH_CARD + NUMERIC + ["channel"]], orders["returned"]
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, stratify=y, random_state=12)

    model = build()
    cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=12)
    print("CV AUC:", cross_val_score(model, X_tr, y_tr, cv=cv, scoring="roc_auc").round(3))
    model.fit(X_tr, y_tr)
    print(f"test AUC {roc_auc_score(y_te, model.predict_proba(X_te)[:, 1]):.3f}")


if __name__ == "__main__":
    main()
