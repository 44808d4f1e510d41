# expect: NONE
from sklearn.datasets import make_classification
from sklearn.metrics import accuracy_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

X, y = make_classification(n_samples=4000, n_features=20, n_informative=6,
                           weights=[0.5, 0.5], flip_y=0.01, random_state=12)
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, random_state=12)

for C in (0.1, 1.0, 10.0):
    svm = make_pipeline(StandardScaler(), SVC(C=C))
    svm.fit(X_tr, y_tr)
    print(f"C={C:<5} accuracy={accuracy_score(y_te, svm.predict(X_te)):.4f}")
