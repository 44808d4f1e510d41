# expect: SCALING_ERROR@16
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

df = pd.read_csv("heart.csv")
X = df.drop(columns="disease")
y = df["disease"]

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, stratify=y, random_state=42)

scaler = StandardScaler()
X_train = scaler.fit_transform(X_train)
X_test = scaler.fit_transform(X_test)

clf = LogisticRegression(max_iter=500)
clf.fit(X_train, y_train)
print("test AUC", roc_auc_score(y_test, clf.predict_proba(X_test)[:, 1]))
