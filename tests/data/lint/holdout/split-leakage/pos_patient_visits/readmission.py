# expect: DATA_LEAKAGE@18-20
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import train_test_split
from sklearn.metrics import roc_auc_score, classification_report

visits = pd.read_csv("data/visits.csv")
print(visits.head())
print("rows:", len(visits), "patients:", visits["patient_id"].nunique())

visits["bmi_class"] = pd.cut(visits["bmi"], [0, 18.5, 25, 30, 100], labels=False)
visits["hypertensive"] = (visits["systolic_bp"] >= 140).astype(int)

features = ["visit_no", "age", "bmi", "bmi_class", "systolic_bp", "hypertensive", "hba1c"]
X = visits[features]
y = visits["readmitted"]

X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.25, stratify=y, random_state=11
)

forest = RandomForestClassifier(
    n_estimators=300,
    max_depth=8,
    min_samples_leaf=4,
    random_state=11,
)
forest.fit(X_train, y_train)

proba = forest.predict_proba(X_test)[:, 1]
print("test ROC AUC: %.3f" % roc_auc_score(y_test, proba))
print(classification_report(y_test, forest.predict(X_test)))
