# expect: SCALING_ERROR@13
import pandas as pd
from sklearn.metrics import f1_score, roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier

customers = pd.read_csv("data/customers.csv")
X = customers[["annual_income", "age", "tenure_months", "num_products", "avg_balance"]]
y = customers["responded"]

X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, stratify=y, random_state=17)

knn = KNeighborsClassifier(n_neighbors=25, weights="distance")
knn.fit(X_tr, y_tr)

print("F1 :", round(f1_score(y_te, knn.predict(X_te)), 3))
print("AUC:", round(roc_auc_score(y_te, knn.predict_proba(X_te)[:, 1]), 3))
