# expect: IMBALANCE@16
import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import classification_report, f1_score
from sklearn.model_selection import train_test_split

claims = pd.read_csv("insurance_claims.csv")
X = claims.drop(columns=["claim_id", "fraud_reported"])
y = claims["fraud_reported"]

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=7)

sm = SMOTE(random_state=7)
X_train_bal, y_train_bal = sm.fit_resample(X_train, y_train)
X_test_bal, y_test_bal = sm.fit_resample(X_test, y_test)

rf = RandomForestClassifier(n_estimators=400, random_state=7)
rf.fit(X_train_bal, y_train_bal)
pred = rf.predict(X_test_bal)
print(classification_report(y_test_bal, pred))
print("F1:", f1_score(y_test_bal, pred))
