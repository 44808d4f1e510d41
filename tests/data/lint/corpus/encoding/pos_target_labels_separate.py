# expect: ENCODING_ERROR@14
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import LabelEncoder, StandardScaler

train = pd.read_csv("tickets_train.csv")
valid = pd.read_csv("tickets_valid.csv")

feature_cols = ["response_hours", "n_messages", "customer_age_days", "attachments"]

y_train = LabelEncoder().fit_transform(train["queue"])
y_valid = LabelEncoder().fit_transform(valid["queue"])

clf = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000))
clf.fit(train[feature_cols], y_train)
print("macro F1:", f1_score(y_valid, clf.predict(valid[feature_cols]), average="macro"))
