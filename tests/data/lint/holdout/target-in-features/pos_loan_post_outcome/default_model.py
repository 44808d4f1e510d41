# expect: DATA_LEAKAGE@17-20
from pathlib import Path

import pandas as pd
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.model_selection import train_test_split
from sklearn.metrics import roc_auc_score, average_precision_score

DATA = Path(__file__).parent / "data" / "loans.csv"
loans = pd.read_csv(DATA)

grade_order = {g: i for i, g in enumerate("ABCDEFG")}
loans["grade_num"] = loans["grade"].map(grade_order)
loans["long_term"] = (loans["term"] == 60).astype(int)
loans["loan_to_income"] = loans["loan_amnt"] / loans["annual_inc"]

FEATURES = [
    "loan_amnt", "int_rate", "grade_num", "long_term", "annual_inc",
    "dti", "loan_to_income", "recoveries", "collection_recovery_fee",
]

X_train, X_test, y_train, y_test = train_test_split(
    loans[FEATURES], loans["default"], test_size=0.25, stratify=loans["default"], random_state=21
)

gb = GradientBoostingClassifier(n_estimators=250, max_depth=3, learning_rate=0.05, subsample=0.8)
gb.fit(X_train, y_train)

scores = gb.predict_proba(X_test)[:, 1]
print(f"ROC AUC : {roc_auc_score(y_test, scores):.3f}")
print(f"PR AUC  : {average_precision_score(y_test, scores):.3f}")
for name, imp in sorted(zip(FEATURES, gb.feature_importances_), key=lambda t: -t[1]):
    print(f"{name:>24} {imp:.3f}")
