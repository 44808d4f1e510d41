"""Tier-2 escalation model for the support desk.

When a ticket is opened, estimate how likely it is to need escalation to the
tier-2 engineering queue, so the triage bot can route risky tickets straight
to senior agents. Trained on last year's closed tickets.

Usage:
    python src/escalation_model.py
"""

from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, roc_auc_score
from sklearn.model_selection import StratifiedKFold, cross_val_score, train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

DATA = Path(__file__).resolve().parents[1] / "data" / "tickets.csv"
TARGET = "escalated"
SEED = 21


def load_tickets(path=DATA):
    tickets = pd.read_csv(path, parse_dates=["created_at"])
    tickets["created_hour"] = tickets["created_at"].dt.hour
    tickets["created_on_weekend"] = (tickets["created_at"].dt.day_of_week >= 5).astype(int)
    tickets["log_account_age"] = np.log1p(tickets["account_age_days"])
    tickets["log_description_chars"] = np.log1p(tickets["description_chars"])
    return tickets


def feature_columns():
    """Categorical and numeric model inputs."""
    categorical = ["channel", "product_area", "customer_tier", "priority"]
    numeric = ["log_account_age", "customer_open_tickets", "log_description_chars", "attachments",
               "reassignments", "created_hour", "created_on_weekend"]
    return categorical, numeric


def build_pipeline(categorical, numeric):
    columns = ColumnTransformer([
        ("cat", OneHotEncoder(handle_unknown="ignore"), categorical),
        ("num", StandardScaler(), numeric),
    ])
    return Pipeline([("columns", columns), ("clf", LogisticRegression(C=0.5, max_iter=1000))])


def main():
    tickets = load_tickets()
    categorical, numeric = feature_columns()
    X = tickets[categorical + numeric]
    y = tickets[TARGET].to_numpy()
    print(f"tickets: {len(tickets)}  escalation rate: {y.mean():.3f}")

    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=SEED)

    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED)
    cv_auc = cross_val_score(build_pipeline(categorical, numeric), X_train, y_train, cv=folds, scoring="roc_auc")

    model = build_pipeline(categorical, numeric).fit(X_train, y_train)
    risk = model.predict_proba(X_test)[:, 1]
    top_decile = risk >= np.quantile(risk, 0.9)

    print(f"cv_roc_auc: {cv_auc.mean():.3f} (+/- {cv_auc.std():.3f})")
    print(f"test_roc_auc: {roc_auc_score(y_test, risk):.3f}")
    print(f"test_average_precision: {average_precision_score(y_test, risk):.3f}")
    print(f"test_precision_top10pct: {y_test[top_decile].mean():.3f}")


if __name__ == "__main__":
    main()
