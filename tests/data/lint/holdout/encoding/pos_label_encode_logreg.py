# expect: ENCODING_ERROR@15
import pandas as pd
from sklearn.preprocessing import LabelEncoder, StandardScaler
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.metrics import roc_auc_score, classification_report

df = pd.read_csv("bank_marketing.csv", sep=";")
df["y"] = (df["y"] == "yes").astype(int)

nominal = ["job", "marital", "contact", "month", "poutcome", "housing", "loan"]
numeric = ["age", "balance", "duration", "campaign", "pdays", "previous"]

for col in nominal:
    df[col] = LabelEncoder().fit_transform(df[col].astype(str))

X = df[nominal + numeric]
y = df["y"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=42)

scaler = StandardScaler().fit(X_train)
X_train_s = scaler.transform(X_train)
X_test_s = scaler.transform(X_test)

logit = LogisticRegression(C=0.5, max_iter=2000, class_weight="balanced")
logit.fit(X_train_s, y_train)

proba = logit.predict_proba(X_test_s)[:, 1]
print("ROC AUC:", round(roc_auc_score(y_test, proba), 4))
print(classification_report(y_test, logit.predict(X_test_s), digits=3))
for name, w in sorted(zip(X.columns, logit.coef_[0]), key=lambda t: abs(t[1]), reverse=True):
    print(f"{name:>10}: {w:+.3f}")
