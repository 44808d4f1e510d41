# expect: UNDERFITTING@19
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.model_selection import train_test_split
from sklearn.metrics import classification_report, roc_auc_score

reviews = pd.read_csv("imdb_reviews.csv")
reviews["label"] = (reviews["sentiment"] == "positive").astype(int)
reviews["review"] = reviews["review"].str.replace(r"<br\s*/?>", " ", regex=True)

X_train, X_test, y_train, y_test = train_test_split(
    reviews["review"], reviews["label"], test_size=0.2, stratify=reviews["label"], random_state=0
)

clf = Pipeline([
    ("tfidf", TfidfVectorizer(ngram_range=(1, 2), min_df=5, max_features=200_000, sublinear_tf=True)),
    ("logreg", LogisticRegression(C=1e-5, solver="liblinear", max_iter=1000)),
])
clf.fit(X_train, y_train)

proba = clf.predict_proba(X_test)[:, 1]
print(classification_report(y_test, clf.predict(X_test), digits=3))
print("ROC AUC:", round(roc_auc_score(y_test, proba), 4))

vocab = clf.named_steps["tfidf"].get_feature_names_out()
coef = clf.named_steps["logreg"].coef_[0]
top = pd.Series(coef, index=vocab).sort_values()
print("most negative:", list(top.index[:10]))
print("most positive:", list(top.index[-10:]))
