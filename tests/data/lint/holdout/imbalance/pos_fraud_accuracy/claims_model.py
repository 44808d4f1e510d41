# expect: IMBALANCE@23
import numpy as np
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import train_test_split
from sklearn.metrics import accuracy_score

claims = pd.read_csv("data/claims.csv")
claims["log_amount"] = np.log1p(claims["claim_amount"])
claims["late_report"] = (claims["days_to_report"] > 14).astype(int)

features = ["age", "log_amount", "prior_claims", "days_to_report", "late_report", "doc_score"]
X = claims[features]
y = claims["fraudulent"]

X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.3, stratify=y, random_state=99
)

rf = RandomForestClassifier(n_estimators=300, max_depth=6, random_state=99)
rf.fit(X_train, y_train)

test_acc = accuracy_score(y_test, rf.predict(X_test))
print(f"Test accuracy: {test_acc:.4f}")

importance = pd.Series(rf.feature_importances_, index=features).sort_values(ascending=False)
print(importance)
with open("claims_report.md", "w") as fh:
    fh.write("# Fraud model\n\n")
    fh.write(f"* accuracy on hold-out: **{test_acc:.2%}**\n")
    fh.write(f"* top driver: {importance.index[0]}\n")
