# expect: NONE
import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.impute import KNNImputer
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import train_test_split
from sklearn.metrics import average_precision_score, classification_report

icu = pd.read_csv("icu_stays.csv")
cols = ["hr_mean", "sbp_min", "lactate_max", "creat_max", "gcs_min", "age", "spo2_min"]
X_a, X_b, y_a, y_b = train_test_split(icu[cols], icu["died"], test_size=0.25, stratify=icu["died"], random_state=0)

imputer = KNNImputer(n_neighbors=7).fit(X_a)
X_a_f, X_b_f = imputer.transform(X_a), imputer.transform(X_b)
X_a_bal, y_a_bal = SMOTE(random_state=0).fit_resample(X_a_f, y_a)

rf = RandomForestClassifier(n_estimators=500, min_samples_leaf=3, random_state=0).fit(X_a_bal, y_a_bal)
proba = rf.predict_proba(X_b_f)[:, 1]
print("PR-AUC:", round(average_precision_score(y_b, proba), 4))
print(classification_report(y_b, proba > 0.5))
