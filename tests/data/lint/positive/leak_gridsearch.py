# expect: DATA_LEAKAGE fit-outside-cv
from sklearn.preprocessing import StandardScaler
from sklearn.model_selection import GridSearchCV
from sklearn.svm import SVC
from sklearn.datasets import load_breast_cancer
X, y = load_breast_cancer(return_X_y=True)
X_scaled = StandardScaler().fit_transform(X)
search = GridSearchCV(SVC(), {"C": [0.1, 1, 10]}, cv=5, scoring="roc_auc")
search.fit(X_scaled, y)
print(search.best_score_)
