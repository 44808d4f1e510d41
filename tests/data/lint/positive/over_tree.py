# expect: OVERFITTING unpruned-tree
from sklearn.tree import DecisionTreeRegressor
m = DecisionTreeRegressor(max_depth=None, min_samples_leaf=1)
