# expect: NONE
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV, train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.metrics import roc_auc_score

pima = pd.read_csv("pima_diabetes.csv")
X, y = pima.drop(columns="Outcome"), pima["Outcome"]
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, stratify=y, random_state=5)

pipe = make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000))
grid = GridSearchCV(pipe, {"logisticregression__C": [0.01, 0.1, 1, 10]}, cv=5, scoring="roc_auc")
grid.fit(X_tr, y_tr)

print(f"mean CV AUC of chosen C (model selection): {grid.best_score_:.3f}")
print(f"held-out test AUC: {roc_auc_score(y_te, grid.predict_proba(X_te)[:, 1]):.3f}")
