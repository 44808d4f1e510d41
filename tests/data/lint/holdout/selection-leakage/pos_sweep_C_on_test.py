# expect: DATA_LEAKAGE@20
import numpy as np
from sklearn.datasets import fetch_20newsgroups
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC
from sklearn.metrics import f1_score

cats = ["sci.med", "sci.space", "rec.autos", "comp.graphics", "talk.politics.guns"]
train = fetch_20newsgroups(subset="train", categories=cats, remove=("headers", "footers", "quotes"))
test = fetch_20newsgroups(subset="test", categories=cats, remove=("headers", "footers", "quotes"))

vec = TfidfVectorizer(sublinear_tf=True, min_df=3, max_df=0.7, ngram_range=(1, 2))
X_train = vec.fit_transform(train.data)
X_test = vec.transform(test.data)

best_C, best_f1, best_clf = None, -1.0, None
for C in np.logspace(-2, 2, 9):
    clf = LinearSVC(C=C, max_iter=5000)
    clf.fit(X_train, train.target)
    f1 = f1_score(test.target, clf.predict(X_test), average="macro")
    print(f"C={C:8.3f}  macro-F1={f1:.4f}")
    if f1 > best_f1:
        best_C, best_f1, best_clf = C, f1, clf

print(f"\nBest C = {best_C:.3f}")
print(f"Test macro-F1 = {best_f1:.4f}")

terms = np.array(vec.get_feature_names_out())
for i, name in enumerate(train.target_names):
    top = np.argsort(best_clf.coef_[i])[-8:]
    print(name, ", ".join(terms[top]))
