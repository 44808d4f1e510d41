# expect: SCALING_ERROR@18
import pandas as pd
from sklearn.neighbors import KNeighborsClassifier
from sklearn.model_selection import GridSearchCV, StratifiedKFold, train_test_split
from sklearn.metrics import roc_auc_score, classification_report

customers = pd.read_csv("data/customers.csv")
print(customers.describe().T[["mean", "min", "max"]])

features = ["age", "annual_income", "num_products", "tenure_months", "credit_limit"]
X = customers[features]
y = customers["churned"]

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=10)

cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=10)
search = GridSearchCV(
    KNeighborsClassifier(weights="distance"),
    {"n_neighbors": [5, 11, 21, 31, 51]},
    cv=cv,
    scoring="roc_auc",
)
search.fit(X_train, y_train)

for k, auc in zip(search.cv_results_["param_n_neighbors"], search.cv_results_["mean_test_score"]):
    print(f"k={k:3d}  CV AUC={auc:.3f}")

model = search.best_estimator_
print("chosen k:", search.best_params_["n_neighbors"])
print("test AUC:", round(roc_auc_score(y_test, model.predict_proba(X_test)[:, 1]), 3))
print(classification_report(y_test, model.predict(X_test)))
