# expect: ENCODING_ERROR@15-16
import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

loans = pd.read_csv("loan_applications.csv")
target = loans.pop("defaulted")

part1, part2, y1, y2 = train_test_split(loans, target, test_size=0.25, stratify=target, random_state=3)

categorical = ["purpose", "home_ownership", "employment_type", "state"]
X1 = pd.get_dummies(part1, columns=categorical).to_numpy(dtype=float)
X2 = pd.get_dummies(part2, columns=categorical).to_numpy(dtype=float)

scaler = StandardScaler().fit(X1)
model = LogisticRegression(max_iter=2000, class_weight="balanced")
model.fit(scaler.transform(X1), y1)

proba = model.predict_proba(scaler.transform(X2))[:, 1]
print(f"holdout AUC: {roc_auc_score(y2, proba):.3f}")
print("positive rate in holdout:", np.mean(y2))
