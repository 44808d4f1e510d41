# expect: NONE
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.metrics import roc_auc_score

from prep import Preprocessor

NUMERIC = ["age", "bmi", "glucose", "bp_sys", "bp_dia", "cholesterol", "hba1c"]
patients = pd.read_csv("diabetes_cohort.csv")

fit_df, eval_df = train_test_split(
    patients, test_size=0.3, stratify=patients["diabetic"], random_state=9
)
prep = Preprocessor(NUMERIC).fit(fit_df)
m_fit, m_eval = prep.transform(fit_df), prep.transform(eval_df)

lr = LogisticRegression(max_iter=1000).fit(m_fit, fit_df["diabetic"])
print("AUC:", roc_auc_score(eval_df["diabetic"], lr.predict_proba(m_eval)[:, 1]))
