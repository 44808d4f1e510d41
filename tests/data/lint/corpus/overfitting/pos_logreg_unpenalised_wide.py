# expect: OVERFITTING@15
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline

notes = pd.read_csv("triage_notes.csv")  # ~400 labelled notes
X_tr, X_te, y_tr, y_te = train_test_split(notes["text"], notes["urgent"], test_size=0.25,
                                          stratify=notes["urgent"], random_state=2)

clf = make_pipeline(
    TfidfVectorizer(ngram_range=(1, 3), min_df=1, sublinear_tf=True),
    LogisticRegression(C=1e6, max_iter=10000),
)
clf.fit(X_tr, y_tr)
print("F1:", f1_score(y_te, clf.predict(X_te)))
print("vocabulary size:", len(clf[0].vocabulary_))
