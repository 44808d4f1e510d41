# expect: DATA_LEAKAGE fit-before-split
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.model_selection import train_test_split
from sklearn.naive_bayes import MultinomialNB
from sklearn.metrics import f1_score
df = pd.read_csv("reviews.csv")
vec = TfidfVectorizer(min_df=2)
X = vec.fit_transform(df["text"])
X_train, X_test, y_train, y_test = train_test_split(X, df["sentiment"], random_state=0)
print(f1_score(y_test, MultinomialNB().fit(X_train, y_train).predict(X_test)))
