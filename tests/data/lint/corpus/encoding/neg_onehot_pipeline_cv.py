# expect: NONE
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold, cross_val_score, train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

survey = pd.read_csv("employee_survey.csv")
y = survey["left_within_year"]
X = survey.drop(columns=["left_within_year", "employee_id"])

cat_cols = ["department", "job_family", "office", "manager_level"]
num_cols = ["salary_band", "overtime_hours", "training_days", "satisfaction"]

pipe = Pipeline([
    ("prep", ColumnTransformer([
        ("onehot", OneHotEncoder(handle_unknown="ignore", min_frequency=10), cat_cols),
        ("scale", StandardScaler(), num_cols),
    ])),
    ("logreg", LogisticRegression(C=0.5, max_iter=1000)),
])

X_dev, X_hold, y_dev, y_hold = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)
cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
print("CV ROC AUC:", cross_val_score(pipe, X_dev, y_dev, cv=cv, scoring="roc_auc").mean())

pipe.fit(X_dev, y_dev)
print("holdout ROC AUC:", roc_auc_score(y_hold, pipe.predict_proba(X_hold)[:, 1]))
