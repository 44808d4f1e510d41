# expect: NONE
import pandas as pd
from sklearn.model_selection import GridSearchCV, train_test_split
from sklearn.tree import DecisionTreeClassifier
from sklearn.metrics import balanced_accuracy_score

mush = pd.read_csv("mushrooms.csv")
y = (mush.pop("class") == "p").astype(int)
X = pd.get_dummies(mush, dtype=float)
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.3, stratify=y, random_state=0)

tree = DecisionTreeClassifier(min_samples_leaf=10, random_state=0)
grid = GridSearchCV(tree, {"max_depth": [4, 8, 12, 16, 24, None]}, cv=5, scoring="balanced_accuracy")
grid.fit(X_tr, y_tr)
best_tree = grid.best_estimator_

print("depth chosen by CV:", grid.best_params_["max_depth"], "leaves:", best_tree.get_n_leaves())
print("train bal. acc:", balanced_accuracy_score(y_tr, best_tree.predict(X_tr)))
print("test bal. acc:", balanced_accuracy_score(y_te, best_tree.predict(X_te)))
