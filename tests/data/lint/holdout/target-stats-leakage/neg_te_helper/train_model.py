# expect: NONE
import pandas as pd
from catboost import CatBoostClassifier
from sklearn.model_selection import train_test_split
from sklearn.metrics import roc_auc_score

from encoders import add_target_encoding, frequency_encode

apps = pd.read_csv("loan_applications.csv")
apps["employer_len"] = apps["employer"].fillna("").str.len()

high_card = ["employer", "zip_code", "job_title"]
numeric = ["loan_amount", "annual_income", "dti", "revol_util", "open_acc", "employer_len"]

train, test = train_test_split(apps, test_size=0.25, random_state=8, stratify=apps["bad_loan"])
train, test = add_target_encoding(train, test, high_card, target="bad_loan", alpha=20)
train, test = frequency_encode(train, test, high_card)

cols = numeric + [f"{c}_te" for c in high_card] + [f"{c}_freq" for c in high_card]

model = CatBoostClassifier(iterations=800, depth=6, learning_rate=0.05, verbose=200,
                           auto_class_weights="Balanced")
model.fit(train[cols], train["bad_loan"])

auc = roc_auc_score(test["bad_loan"], model.predict_proba(test[cols])[:, 1])
print(f"test AUC = {auc:.4f}")
model.save_model("bad_loan_cb.cbm")
