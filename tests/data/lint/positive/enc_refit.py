# expect: ENCODING_ERROR encoder-refit-on-test
import pandas as pd
from sklearn.preprocessing import LabelEncoder
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import f1_score
train = pd.read_csv("train.csv")
test = pd.read_csv("test.csv")
for c in ["city", "plan"]:
    train[c] = LabelEncoder().fit_transform(train[c])
    test[c] = LabelEncoder().fit_transform(test[c])
clf = RandomForestClassifier(max_depth=5).fit(train.drop(columns="churn"), train["churn"])
print(f1_score(test["churn"], clf.predict(test.drop(columns="churn"))))
