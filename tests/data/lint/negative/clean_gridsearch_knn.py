# expect: clean (no finding at or above 0.5)
from sklearn.datasets import load_wine
from sklearn.model_selection import GridSearchCV, train_test_split
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.metrics import accuracy_score, f1_score

X, y = load_wine(return_X_y=True)
X_tr, X_te, y_tr, y_te = train_test_split(X, y, stratify=y, random_state=0)
pipe = Pipeline([("sc", StandardScaler()), ("knn", KNeighborsClassifier())])
grid = GridSearchCV(pipe, {"knn__n_neighbors": [1, 3, 5, 11, 21]}, cv=5)
grid.fit(X_tr, y_tr)
pred = grid.predict(X_te)
print(accuracy_score(y_te, pred), f1_score(y_te, pred, average="macro"))
