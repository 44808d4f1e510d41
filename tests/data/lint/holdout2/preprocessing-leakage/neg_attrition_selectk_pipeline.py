# expect: NONE
"""Voluntary attrition model; feature selection tuned inside CV."""
import argparse

import pandas as pd
from sklearn.feature_selection import SelectKBest, mutual_info_classif
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, roc_auc_score
from sklearn.model_selection import GridSearchCV, StratifiedKFold, train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

parser = argparse.ArgumentParser()
parser.add_argument("--data", default="hris_snapshot.csv")
args = parser.parse_args()

hr = pd.read_csv(args.data)
y = hr.pop("left_within_12m")
hr = hr.drop(columns=["employee_id"])
X = pd.get_dummies(hr, columns=["department", "job_family", "work_mode"], drop_first=True).astype(float)

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)
medians = X_train.median()
X_train, X_test = X_train.fillna(medians), X_test.fillna(medians)

pipe = Pipeline([
    ("scale", StandardScaler()),
    ("select", SelectKBest(mutual_info_classif)),
    ("clf", LogisticRegression(class_weight="balanced", max_iter=1000)),
])
grid = GridSearchCV(
    pipe,
    {"select__k": [5, 10, 15, 25], "clf__C": [0.1, 1.0, 10.0]},
    cv=StratifiedKFold(n_splits=5, shuffle=True, random_state=0),
    scoring="average_precision",
)
grid.fit(X_train, y_train)
print("chosen:", grid.best_params_)

proba = grid.predict_proba(X_test)[:, 1]
print(f"held-out ROC-AUC {roc_auc_score(y_test, proba):.3f}")
print(f"held-out PR-AUC  {average_precision_score(y_test, proba):.3f}")
