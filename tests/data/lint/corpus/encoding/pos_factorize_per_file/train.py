from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import roc_auc_score

from features import load, make_matrix

history = load("data/policies_2022.csv")
renewals = load("data/policies_2023.csv")

X_hist = make_matrix(history)
X_new = make_matrix(renewals)

forest = RandomForestClassifier(n_estimators=500, min_samples_leaf=5, random_state=2023)
forest.fit(X_hist, history["claimed"])

scores = forest.predict_proba(X_new)[:, 1]
print("2023 AUC:", round(roc_auc_score(renewals["claimed"], scores), 3))
