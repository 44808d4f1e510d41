# expect: DATA_LEAKAGE@11
import pandas as pd
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.model_selection import cross_val_score
from sklearn.naive_bayes import MultinomialNB

sms = pd.read_csv("sms_spam.tsv", sep="\t", names=["label", "message"])
y = (sms["label"] == "spam").astype(int)

bow = CountVectorizer(lowercase=True, min_df=2, stop_words="english")
counts = bow.fit_transform(sms["message"])

nb = MultinomialNB(alpha=0.3)
f1 = cross_val_score(nb, counts, y, cv=10, scoring="f1")
print("10-fold F1: %.3f" % f1.mean())
print("features:", counts.shape[1])
