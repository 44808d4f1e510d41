# expect: NONE
from sklearn.datasets import load_digits
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, confusion_matrix
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import MinMaxScaler

digits = load_digits()
X_tr, X_te, y_tr, y_te = train_test_split(digits.data, digits.target, test_size=0.25,
                                          stratify=digits.target, random_state=0)

clf = make_pipeline(MinMaxScaler(), LogisticRegression(C=1.0, max_iter=3000))
clf.fit(X_tr, y_tr)
pred = clf.predict(X_te)
print("accuracy:", round(accuracy_score(y_te, pred), 4))
print(confusion_matrix(y_te, pred))
