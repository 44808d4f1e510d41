# expect: DATA_LEAKAGE@12
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.metrics import roc_auc_score

from prep import Preprocessor

NUMERIC = ["age", "bmi", "glucose", "bp_sys", "bp_dia", "cholesterol", "hba1c"]
patients = pd.read_csv("diabetes_cohort.csv")

prep = Preprocessor(NUMERIC).fit(patients)
matrix = prep.transform(patients)

m_fit, m_eval, y_fit, y_eval = train_test_split(
    matrix, patients["diabetic"], test_size=0.3, stratify=patients["diabetic"], random_state=9
)
lr = LogisticRegression(max_iter=1000).fit(m_fit, y_fit)
print("AUC:", roc_auc_score(y_eval, lr.predict_proba(m_eval)[:, 1]))
