# expect: DATA_LEAKAGE@11
import pandas as pd
from sklearn.naive_bayes import CategoricalNB
from sklearn.preprocessing import KBinsDiscretizer
from sklearn.model_selection import train_test_split
from sklearn.metrics import accuracy_score, log_loss

adult = pd.read_csv("adult.csv")
cont = ["age", "hours_per_week", "capital_gain", "education_num"]
binner = KBinsDiscretizer(n_bins=8, encode="ordinal", strategy="quantile")
adult[cont] = binner.fit_transform(adult[cont]).astype(int)

y = (adult["income"] == ">50K").astype(int)
X = adult[cont]
X_a, X_b, y_a, y_b = train_test_split(X, y, test_size=0.25, random_state=4)
nb = CategoricalNB(alpha=1.0).fit(X_a, y_a)
print("acc:", accuracy_score(y_b, nb.predict(X_b)))
print("logloss:", log_loss(y_b, nb.predict_proba(X_b)))
