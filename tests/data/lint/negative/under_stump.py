# expect: no UNDERFITTING
from sklearn.ensemble import AdaBoostClassifier, GradientBoostingClassifier
from sklearn.tree import DecisionTreeClassifier
clf = AdaBoostClassifier(estimator=DecisionTreeClassifier(max_depth=1), n_estimators=200)
gb = GradientBoostingClassifier(max_depth=1, n_estimators=500, learning_rate=0.1)
