# expect: SCALING_ERROR@?
import pandas as pd
from sklearn.neighbors import KNeighborsClassifier
from sklearn.model_selection import StratifiedKFold, cross_val_score, train_test_split
from sklearn.metrics import roc_auc_score, classification_report

customers = pd.read_csv("data/customers.csv")
print(customers.describe().T[["mean", "min", "max"]])

features = ["age", "annual_income", "num_products", "tenure_months", "credit_limit"]
X = customers[features]
y = customers["churned"]

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=10)

cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=10)
best_k, best_auc = None, -1
for k in (5, 11, 21, 31, 51):
    knn = KNeighborsClassifier(n_neighbors=k, weights="distance")  #@@
    auc = cross_val_score(knn, X_train, y_train, cv=cv, scoring="roc_auc").mean()
    print(f"k={k:3d}  CV AUC={auc:.3f}")
    if auc > best_auc:
        best_k, best_auc = k, auc

model = KNeighborsClassifier(n_neighbors=best_k, weights="distance")
model.fit(X_train, y_train)
print("chosen k:", best_k)
print("test AUC:", round(roc_auc_score(y_test, model.predict_proba(X_test)[:, 1]), 3))
print(classification_report(y_test, model.predict(X_test)))
