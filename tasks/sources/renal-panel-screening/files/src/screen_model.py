"""Chronic-kidney-disease flag for routine chemistry panels.

A logistic regression over standardised lab values, trained on panels with a
confirmed nephrology diagnosis. The clinic wants to flag
undiagnosed CKD in routine bloodwork for follow-up.

    python src/screen_model.py
"""

from pathlib import Path

import pandas as pd
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import balanced_accuracy_score, recall_score, roc_auc_score
from sklearn.model_selection import StratifiedKFold, cross_val_score, train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

DATA = Path(__file__).resolve().parents[1] / "data" / "renal_panel.csv"
LABS = ["age", "systolic_bp", "creatinine", "urea", "hemoglobin", "albumin", "glucose", "sodium", "potassium"]
LABEL = "ckd"
SEED = 3
C = 1.0


def load_panel(path):
    panel = pd.read_csv(path).drop_duplicates("sample_id")
    return panel.dropna(subset=[LABEL]).reset_index(drop=True)


def harmonise_units(panel):
    """Bring every analyte onto the units the model is specified in (chemistry in mg/dL)."""
    out = panel.copy()
    mmol = out["glucose"] < 30
    out.loc[mmol, "glucose"] = out.loc[mmol, "glucose"] * 18.016
    return out


def make_classifier():
    return make_pipeline(
        SimpleImputer(strategy="median"),
        StandardScaler(),
        LogisticRegression(C=C, max_iter=1000),
    )


def main():
    panel = harmonise_units(load_panel(DATA))
    X, y = panel[LABS], panel[LABEL].to_numpy()
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=SEED)
    print(f"panels: {len(panel)}  CKD: {int(y.sum())}  train: {len(X_train)}  test: {len(X_test)}")

    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED)
    cv = cross_val_score(make_classifier(), X_train, y_train, cv=folds, scoring="balanced_accuracy")
    clf = make_classifier().fit(X_train, y_train)
    proba = clf.predict_proba(X_test)[:, 1]
    pred = (proba >= 0.5).astype(int)

    print(f"cv_balanced_accuracy: {cv.mean():.3f}")
    print(f"test_balanced_accuracy: {balanced_accuracy_score(y_test, pred):.3f}")
    print(f"test_sensitivity: {recall_score(y_test, pred):.3f}")
    print(f"test_specificity: {recall_score(y_test, pred, pos_label=0):.3f}")
    print(f"test_roc_auc: {roc_auc_score(y_test, proba):.3f}")


if __name__ == "__main__":
    main()
