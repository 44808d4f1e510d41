# expect: NONE
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegressionCV
from sklearn.metrics import f1_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline

notes = pd.read_csv("triage_notes.csv")
X_tr, X_te, y_tr, y_te = train_test_split(notes["text"], notes["urgent"], test_size=0.25,
                                          stratify=notes["urgent"], random_state=2)

clf = make_pipeline(
    TfidfVectorizer(ngram_range=(1, 2), min_df=3, sublinear_tf=True),
    LogisticRegressionCV(Cs=[0.01, 0.1, 1, 10, 100], cv=5, scoring="f1", max_iter=5000),
)
clf.fit(X_tr, y_tr)
print("C chosen:", clf[-1].C_[0])
print("F1:", f1_score(y_te, clf.predict(X_te)))
