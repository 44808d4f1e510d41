# expect: DATA_LEAKAGE model-fit-on-test
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeClassifier
from sklearn.metrics import accuracy_score, f1_score
from sklearn.datasets import load_iris
X, y = load_iris(return_X_y=True)
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
clf = DecisionTreeClassifier(max_depth=3)
clf.fit(X_test, y_test)
pred = clf.predict(X_test)
print(accuracy_score(y_test, pred), f1_score(y_test, pred, average="macro"))
