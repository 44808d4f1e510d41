# expect: UNDERFITTING@15
from sklearn.datasets import fetch_covtype
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

cov = fetch_covtype()
X_tr, X_te, y_tr, y_te = train_test_split(cov.data[:60000], cov.target[:60000], test_size=0.2,
                                          stratify=cov.target[:60000], random_state=0)

clf = make_pipeline(
    StandardScaler(),
    MLPClassifier(hidden_layer_sizes=(2,), max_iter=300, early_stopping=True, random_state=0),
)
clf.fit(X_tr, y_tr)
pred = clf.predict(X_te)
print("accuracy:", accuracy_score(y_te, pred))
print("macro F1:", f1_score(y_te, pred, average="macro"))
