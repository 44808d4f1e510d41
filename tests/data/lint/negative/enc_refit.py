# expect: no ENCODING_ERROR
import pandas as pd
from sklearn.preprocessing import OrdinalEncoder
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import f1_score
train = pd.read_csv("train.csv")
test = pd.read_csv("test.csv")
cats = ["city", "plan"]
enc = OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=-1)
train[cats] = enc.fit_transform(train[cats])
test[cats] = enc.transform(test[cats])
clf = RandomForestClassifier(max_depth=5).fit(train.drop(columns="churn"), train["churn"])
print(f1_score(test["churn"], clf.predict(test.drop(columns="churn"))))
