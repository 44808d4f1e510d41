# expect: DATA_LEAKAGE@15-17
import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.metrics import f1_score, precision_recall_curve

claims = pd.read_csv("claims_features.csv")
X, y = claims.drop(columns=["fraud"]), claims["fraud"]
X_a, X_b, y_a, y_b = train_test_split(X, y, test_size=0.3, stratify=y, random_state=1)

lr = LogisticRegression(max_iter=3000, class_weight="balanced").fit(X_a, y_a)
proba_b = lr.predict_proba(X_b)[:, 1]

prec, rec, thr = precision_recall_curve(y_b, proba_b)
f1s = 2 * prec * rec / np.clip(prec + rec, 1e-9, None)
cut = thr[np.argmax(f1s[:-1])]
print(f"threshold {cut:.3f}")
print("test F1 at chosen threshold:", f1_score(y_b, proba_b >= cut))
