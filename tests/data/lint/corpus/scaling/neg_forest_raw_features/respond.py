# expect: NONE
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import f1_score, roc_auc_score
from sklearn.model_selection import train_test_split

customers = pd.read_csv("data/customers.csv")
X = customers[["annual_income", "age", "tenure_months", "num_products", "avg_balance"]]
y = customers["responded"]

X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, stratify=y, random_state=17)

forest = RandomForestClassifier(n_estimators=400, min_samples_leaf=5, random_state=17)
forest.fit(X_tr, y_tr)

print("F1 :", round(f1_score(y_te, forest.predict(X_te)), 3))
print("AUC:", round(roc_auc_score(y_te, forest.predict_proba(X_te)[:, 1]), 3))
