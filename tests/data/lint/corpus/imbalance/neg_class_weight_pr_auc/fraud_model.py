# expect: NONE
import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, precision_recall_curve
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

tx = pd.read_csv("data/transactions.csv")
X = tx[["amount", "hour", "merchant_risk", "card_age_days", "foreign"]]
y = tx["is_fraud"]

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, stratify=y, random_state=0)

model = make_pipeline(StandardScaler(), LogisticRegression(class_weight="balanced", max_iter=1000))
model.fit(X_train, y_train)

scores = model.predict_proba(X_test)[:, 1]
print(f"PR-AUC: {average_precision_score(y_test, scores):.3f} (base rate {y_test.mean():.3f})")
precision, recall, _ = precision_recall_curve(y_test, scores)
print("best recall at precision >= 0.5:", np.max(recall[precision >= 0.5]))
