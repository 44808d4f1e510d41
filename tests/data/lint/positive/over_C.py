# expect: OVERFITTING weak-regularisation
from sklearn.linear_model import LogisticRegression
m = LogisticRegression(C=1e6, max_iter=1000)
