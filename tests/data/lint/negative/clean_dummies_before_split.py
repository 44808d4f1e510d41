# expect: clean (no finding at or above 0.5)
import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler, LabelEncoder
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import classification_report, roc_auc_score

df = pd.read_csv("loans.csv")
df = df[(df["income"] > 0) & (df["income"] < 1e7)]
df["income"] = np.log1p(df["income"])
df = pd.get_dummies(df, columns=["purpose", "state"], drop_first=True)
y = LabelEncoder().fit_transform(df.pop("default"))
X_train, X_test, y_train, y_test = train_test_split(df, y, test_size=0.25, stratify=y, random_state=7)
scaler = StandardScaler()
X_train = scaler.fit_transform(X_train)
X_test = scaler.transform(X_test)
clf = LogisticRegression(max_iter=2000, class_weight="balanced").fit(X_train, y_train)
print(classification_report(y_test, clf.predict(X_test)))
print(roc_auc_score(y_test, clf.predict_proba(X_test)[:, 1]))
