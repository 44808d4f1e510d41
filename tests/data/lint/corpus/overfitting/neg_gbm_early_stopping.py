# expect: NONE
import pandas as pd
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

patients = pd.read_csv("stroke_cohort.csv")
X = patients.drop(columns=["stroke", "patient_id"])
y = patients["stroke"]
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, stratify=y, random_state=11)

gb = GradientBoostingClassifier(
    n_estimators=5000,
    learning_rate=0.02,
    max_depth=3,
    subsample=0.8,
    validation_fraction=0.15,
    n_iter_no_change=50,
    random_state=11,
)
gb.fit(X_tr, y_tr)
print("stages kept:", gb.n_estimators_)
print("test ROC AUC:", roc_auc_score(y_te, gb.predict_proba(X_te)[:, 1]))
