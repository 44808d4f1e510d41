# expect: NONE
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.metrics import classification_report

reviews = pd.read_csv("product_reviews.csv").dropna(subset=["text"])
txt_tr, txt_te, s_tr, s_te = train_test_split(
    reviews["text"], reviews["sentiment"], test_size=0.2, random_state=1
)

vec = TfidfVectorizer(ngram_range=(1, 2), min_df=3, max_df=0.9, sublinear_tf=True)
m_tr = vec.fit_transform(txt_tr)
m_te = vec.transform(txt_te)

lr = LogisticRegression(C=4.0, max_iter=3000).fit(m_tr, s_tr)
print(classification_report(s_te, lr.predict(m_te)))
print("vocab size:", len(vec.vocabulary_))
