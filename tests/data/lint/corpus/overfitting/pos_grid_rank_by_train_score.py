# expect: OVERFITTING@21
import numpy as np
import pandas as pd
from sklearn.metrics import f1_score
from sklearn.model_selection import GridSearchCV, train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

quakes = pd.read_csv("events.csv")
X, y = quakes.drop(columns="is_blast"), quakes["is_blast"]
X_dev, X_test, y_dev, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=0)

grid = GridSearchCV(
    make_pipeline(StandardScaler(), SVC()),
    {"svc__C": [0.1, 1, 10, 100], "svc__gamma": [0.001, 0.01, 0.1, 1]},
    cv=5, scoring="f1", return_train_score=True, refit=False,
)
grid.fit(X_dev, y_dev)
results = pd.DataFrame(grid.cv_results_)
best = results.loc[np.argmax(results["mean_train_score"]), "params"]

final = make_pipeline(StandardScaler(), SVC()).set_params(**best).fit(X_dev, y_dev)
print("chosen:", best, "test F1:", f1_score(y_test, final.predict(X_test)))
