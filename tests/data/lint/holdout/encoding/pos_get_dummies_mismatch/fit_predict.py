# expect: ENCODING_ERROR@14
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler
from sklearn.metrics import roc_auc_score, f1_score

train = pd.read_csv("data/train.csv")
test = pd.read_csv("data/test.csv")

num_cols = ["sqft", "bedrooms", "age"]
cat_cols = ["region", "material"]

X_train = pd.get_dummies(train[num_cols + cat_cols], columns=cat_cols, dtype=float)
X_test = pd.get_dummies(test[num_cols + cat_cols], columns=cat_cols, dtype=float)
y_train, y_test = train["expensive"], test["expensive"]

scaler = StandardScaler()
X_train[num_cols] = scaler.fit_transform(X_train[num_cols])
X_test[num_cols] = scaler.transform(X_test[num_cols])

clf = LogisticRegression(C=1.0, max_iter=1000)
clf.fit(X_train.values, y_train)

proba = clf.predict_proba(X_test.values)[:, 1]
pred = (proba >= 0.5).astype(int)
print("train columns:", X_train.shape[1], "test columns:", X_test.shape[1])
print("AUC:", round(roc_auc_score(y_test, proba), 3))
print("F1 :", round(f1_score(y_test, pred), 3))

out = test[["id"]].assign(p_expensive=proba)
out.to_csv("predictions.csv", index=False)
