# expect: DATA_LEAKAGE fit-outside-cv
from sklearn.datasets import make_classification
from sklearn.feature_selection import SelectKBest, f_classif
from sklearn.model_selection import cross_val_score
from sklearn.svm import SVC
X, y = make_classification(n_samples=100, n_features=500, random_state=0)
X_sel = SelectKBest(f_classif, k=10).fit_transform(X, y)
print(cross_val_score(SVC(), X_sel, y, cv=5).mean())
