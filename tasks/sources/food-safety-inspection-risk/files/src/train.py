"""Risk model for scheduling food-safety inspections.

Predicts whether a food business will fail its next inspection, from its last
hygiene rating, kitchen size, venue type, cuisine, complaints and trading
history. Inspectors visit the highest-risk businesses first.
"""

import argparse

import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.metrics import accuracy_score, f1_score, roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, OrdinalEncoder

TARGET = "failed_next_inspection"
ORDINAL = {
    "last_hygiene_rating": ["poor", "fair", "good", "excellent"],
    "kitchen_size": ["small", "medium", "large"],
}
NOMINAL = ["venue_type", "cuisine"]
NUMERIC = ["seats", "years_trading", "complaints_12m", "days_since_inspection", "staff_turnover_pct",
           "prior_violations"]


def get_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="data/businesses.csv")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--top-share", type=float, default=0.2)
    return parser.parse_args()


def preprocessor():
    return ColumnTransformer(
        [
            ("ordinal", OrdinalEncoder(categories=list(ORDINAL.values())), list(ORDINAL)),
            ("nominal", OneHotEncoder(handle_unknown="ignore", sparse_output=False), NOMINAL),
            ("numeric", "passthrough", NUMERIC),
        ]
    )


def classifier(seed):
    return GradientBoostingClassifier(
        n_estimators=2000,
        learning_rate=0.05,
        max_depth=2,
        subsample=0.8,
        validation_fraction=0.15,
        n_iter_no_change=25,
        random_state=seed,
    )


def precision_at_top(y_true, scores, share):
    n_top = max(1, int(round(share * len(scores))))
    top = pd.Series(scores).sort_values(ascending=False).index[:n_top]
    return float(pd.Series(y_true).iloc[top].mean())


def main():
    args = get_args()
    df = pd.read_csv(args.data)
    X = df[list(ORDINAL) + NOMINAL + NUMERIC]
    y = df[TARGET].to_numpy()
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=args.seed)

    model = Pipeline([("prep", preprocessor()), ("gbm", classifier(args.seed))])
    model.fit(X_train, y_train)
    gbm = model.named_steps["gbm"]
    print(f"businesses: {len(df)}  fail rate: {y.mean():.3f}")
    print(f"boosting_rounds: {gbm.n_estimators_}")

    train_scores = model.predict_proba(X_train)[:, 1]
    test_scores = model.predict_proba(X_test)[:, 1]
    test_pred = (test_scores >= 0.5).astype(int)
    print(f"train_roc_auc: {roc_auc_score(y_train, train_scores):.3f}")
    print(f"test_roc_auc: {roc_auc_score(y_test, test_scores):.3f}")
    print(f"test_accuracy: {accuracy_score(y_test, test_pred):.3f}")
    print(f"test_f1: {f1_score(y_test, test_pred):.3f}")
    print(f"test_precision_at_top20: {precision_at_top(y_test, test_scores, args.top_share):.3f}")


if __name__ == "__main__":
    main()
