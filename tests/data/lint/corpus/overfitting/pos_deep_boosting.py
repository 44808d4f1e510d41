# expect: OVERFITTING@8-10
import pandas as pd
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

BOOSTER_PARAMS = {
    "n_estimators": 1500,
    "learning_rate": 1.0,
    "max_depth": 8,
}

patients = pd.read_csv("stroke_cohort.csv")
X = patients.drop(columns=["stroke", "patient_id"])
y = patients["stroke"]
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, stratify=y, random_state=11)

gb = GradientBoostingClassifier(**BOOSTER_PARAMS, random_state=11)
gb.fit(X_tr, y_tr)
print("test ROC AUC:", roc_auc_score(y_te, gb.predict_proba(X_te)[:, 1]))
