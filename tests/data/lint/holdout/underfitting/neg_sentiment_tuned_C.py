# expect: NONE
import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.model_selection import GridSearchCV, StratifiedKFold, train_test_split
from sklearn.metrics import classification_report, roc_auc_score

reviews = pd.read_csv("imdb_reviews.csv")
reviews["label"] = (reviews["sentiment"] == "positive").astype(int)
reviews["review"] = reviews["review"].str.replace(r"<br\s*/?>", " ", regex=True)

X_train, X_test, y_train, y_test = train_test_split(
    reviews["review"], reviews["label"], test_size=0.2, stratify=reviews["label"], random_state=0
)

clf = Pipeline([
    ("tfidf", TfidfVectorizer(ngram_range=(1, 2), min_df=5, max_features=200_000, sublinear_tf=True)),
    ("logreg", LogisticRegression(solver="liblinear", max_iter=1000)),
])
search = GridSearchCV(clf, {"logreg__C": np.logspace(-3, 2, 6)},
                      cv=StratifiedKFold(3, shuffle=True, random_state=0), scoring="roc_auc", n_jobs=-1)
search.fit(X_train, y_train)
print("best C:", search.best_params_["logreg__C"])

best = search.best_estimator_
proba = best.predict_proba(X_test)[:, 1]
print(classification_report(y_test, best.predict(X_test), digits=3))
print("ROC AUC:", round(roc_auc_score(y_test, proba), 4))

vocab = best.named_steps["tfidf"].get_feature_names_out()
top = pd.Series(best.named_steps["logreg"].coef_[0], index=vocab).sort_values()
print("most negative:", list(top.index[:10]))
print("most positive:", list(top.index[-10:]))
