# expect: no DATA_LEAKAGE
from sklearn.datasets import make_classification
from sklearn.feature_selection import SelectKBest, f_classif
from sklearn.model_selection import cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC
X, y = make_classification(n_samples=100, n_features=500, random_state=0)
pipe = make_pipeline(StandardScaler(), SelectKBest(f_classif, k=10), SVC())
print(cross_val_score(pipe, X, y, cv=5, scoring="f1").mean())
