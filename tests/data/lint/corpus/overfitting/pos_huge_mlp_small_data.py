# expect: OVERFITTING@12-13
from sklearn.datasets import load_breast_cancer
from sklearn.metrics import accuracy_score
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

X, y = load_breast_cancer(return_X_y=True)
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.3, stratify=y, random_state=5)

mlp = MLPClassifier(hidden_layer_sizes=(2048, 1024, 512, 256), alpha=0.0,
                    max_iter=5000, tol=1e-9, n_iter_no_change=5000, random_state=5)
clf = make_pipeline(StandardScaler(), mlp)
clf.fit(X_tr, y_tr)
print("train acc:", accuracy_score(y_tr, clf.predict(X_tr)))
print("test acc:", accuracy_score(y_te, clf.predict(X_te)))
