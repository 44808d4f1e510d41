# expect: NONE
import pandas as pd
from sklearn.metrics import f1_score
from sklearn.model_selection import GridSearchCV, StratifiedKFold, train_test_split
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

leaves = pd.read_csv("leaf_shapes.csv")
X, y = leaves.drop(columns="species"), leaves["species"]
X_a, X_b, y_a, y_b = train_test_split(X, y, test_size=0.25, stratify=y, random_state=0)

pipe = Pipeline([("scale", StandardScaler()), ("knn", KNeighborsClassifier())])
grid = GridSearchCV(pipe, {"knn__n_neighbors": [1, 3, 5, 9, 15, 25, 41]},
                    cv=StratifiedKFold(5, shuffle=True, random_state=0), scoring="f1_macro")
grid.fit(X_a, y_a)
print("k chosen by CV:", grid.best_params_["knn__n_neighbors"])
print("held-out macro F1:", f1_score(y_b, grid.predict(X_b), average="macro"))
