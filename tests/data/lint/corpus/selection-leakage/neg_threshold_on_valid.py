# expect: NONE
import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.metrics import f1_score, precision_recall_curve

claims = pd.read_csv("claims_features.csv")
X, y = claims.drop(columns=["fraud"]), claims["fraud"]
X_a, X_test, y_a, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=1)
X_fit, X_val, y_fit, y_val = train_test_split(X_a, y_a, test_size=0.25, stratify=y_a, random_state=1)

lr = LogisticRegression(max_iter=3000, class_weight="balanced").fit(X_fit, y_fit)
prec, rec, thr = precision_recall_curve(y_val, lr.predict_proba(X_val)[:, 1])
f1s = 2 * prec * rec / np.clip(prec + rec, 1e-9, None)
cut = thr[np.argmax(f1s[:-1])]

print(f"threshold chosen on validation: {cut:.3f}")
print("test F1:", f1_score(y_test, lr.predict_proba(X_test)[:, 1] >= cut))
