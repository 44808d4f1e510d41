# expect: NONE
"""Attrition model on the HRIS extract (all employees active at 2023-01-01)."""
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import StratifiedKFold, cross_validate

CFG = {
    "path": "data/employees.csv",
    "target": "left_company",
    "categoricals": ["department", "salary_band", "work_mode"],
    # offboarding-only fields; they exist only for people who already left
    "exclude": ["employee_id", "exit_interview_score"],
    "rf": {"n_estimators": 400, "max_depth": 8, "min_samples_leaf": 5, "class_weight": "balanced"},
}


def load(cfg):
    df = pd.read_csv(cfg["path"]).drop(columns=cfg["exclude"])
    df = pd.get_dummies(df, columns=cfg["categoricals"], drop_first=False, dtype=int)
    return df.fillna(0)


def main(cfg=CFG):
    df = load(cfg)
    y = df[cfg["target"]]
    X = df.drop(columns=[cfg["target"]])
    print(f"{len(df)} employees, {y.mean():.1%} left, {X.shape[1]} features")

    rf = RandomForestClassifier(random_state=0, n_jobs=-1, **cfg["rf"])
    cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    res = cross_validate(rf, X, y, cv=cv, scoring=["roc_auc", "average_precision"])
    print(f"ROC-AUC {res['test_roc_auc'].mean():.3f}  PR-AUC {res['test_average_precision'].mean():.3f}")

    rf.fit(X, y)
    imp = pd.Series(rf.feature_importances_, index=X.columns).nlargest(8)
    print(imp.round(3).to_string())


if __name__ == "__main__":
    main()
