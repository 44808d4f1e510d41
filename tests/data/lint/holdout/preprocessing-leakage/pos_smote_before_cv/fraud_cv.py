# expect: DATA_LEAKAGE@18
import numpy as np
import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import StratifiedKFold, cross_validate

tx = pd.read_csv("data/transactions.csv")
print(tx["is_fraud"].value_counts())

tx["log_amount"] = np.log1p(tx["amount"])
tx["young_account"] = (tx["account_age_days"] < 90).astype(int)

X = tx[["log_amount", "n_tx_24h", "merchant_risk", "account_age_days", "young_account"]]
y = tx["is_fraud"]

sm = SMOTE(k_neighbors=5, random_state=42)
X_res, y_res = sm.fit_resample(X, y)
print("after SMOTE:", np.bincount(y_res))

clf = RandomForestClassifier(n_estimators=400, min_samples_leaf=2, random_state=42, n_jobs=-1)
cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=42)
res = cross_validate(
    clf, X_res, y_res, cv=cv,
    scoring=["average_precision", "recall", "precision", "f1"],
)

for metric in ("average_precision", "recall", "precision", "f1"):
    vals = res[f"test_{metric}"]
    print(f"{metric:>18}: {vals.mean():.3f} (+/- {vals.std():.3f})")
