# expect: NONE
from sklearn.datasets import load_breast_cancer
from sklearn.metrics import accuracy_score, roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

X, y = load_breast_cancer(return_X_y=True)
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.3, stratify=y, random_state=5)

mlp = MLPClassifier(hidden_layer_sizes=(32,), alpha=1e-2, early_stopping=True,
                    validation_fraction=0.15, max_iter=1000, random_state=5)
clf = make_pipeline(StandardScaler(), mlp)
clf.fit(X_tr, y_tr)
print("test acc:", accuracy_score(y_te, clf.predict(X_te)))
print("test AUC:", roc_auc_score(y_te, clf.predict_proba(X_te)[:, 1]))
