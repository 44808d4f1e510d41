# expect: NONE
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import GridSearchCV, train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import QuantileTransformer

cohort = pd.read_csv("readmissions.csv")
X = cohort.drop(columns=["readmitted_30d", "patient_id"])
y = cohort["readmitted_30d"]

X_dev, X_test, y_dev, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)

pipe = make_pipeline(QuantileTransformer(output_distribution="normal", n_quantiles=200),
                     LogisticRegression(max_iter=2000))
grid = GridSearchCV(pipe, {"logisticregression__C": [0.01, 0.1, 1, 10]}, cv=5, scoring="roc_auc")
grid.fit(X_dev, y_dev)

print("CV AUC:", round(grid.best_score_, 3), grid.best_params_)
print("test AUC:", round(roc_auc_score(y_test, grid.predict_proba(X_test)[:, 1]), 3))
