# expect: NONE
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import GridSearchCV, train_test_split
from sklearn.pipeline import Pipeline

tickets = pd.read_csv("support_tickets.csv")  # ~120k tickets
X_tr, X_te, y_tr, y_te = train_test_split(tickets["body"], tickets["category"], test_size=0.2,
                                          stratify=tickets["category"], random_state=0)

pipe = Pipeline([
    ("tfidf", TfidfVectorizer(ngram_range=(1, 2), min_df=5, max_features=200_000, sublinear_tf=True)),
    ("clf", LogisticRegression(penalty="l1", solver="saga", max_iter=300)),
])
grid = GridSearchCV(pipe, {"clf__C": [0.1, 0.3, 1.0, 3.0]}, cv=3, scoring="f1_macro", n_jobs=2)
grid.fit(X_tr, y_tr)
print("C:", grid.best_params_["clf__C"])
print("macro F1:", f1_score(y_te, grid.predict(X_te), average="macro"))
