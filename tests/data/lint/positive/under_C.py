# expect: UNDERFITTING strong-regularisation
from sklearn.svm import LinearSVC
m = LinearSVC(C=1e-4)
