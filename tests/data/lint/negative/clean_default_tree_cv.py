# expect: clean (no finding at or above 0.5)
from sklearn.datasets import load_iris
from sklearn.tree import DecisionTreeClassifier
from sklearn.model_selection import cross_val_score
X, y = load_iris(return_X_y=True)
print(cross_val_score(DecisionTreeClassifier(max_depth=4, random_state=0), X, y, cv=5).mean())
