# expect: NONE
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import classification_report
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import LabelEncoder, StandardScaler

train = pd.read_csv("tickets_train.csv")
valid = pd.read_csv("tickets_valid.csv")

feature_cols = ["response_hours", "n_messages", "customer_age_days", "attachments"]

queues = LabelEncoder().fit(train["queue"])
y_train = queues.transform(train["queue"])
valid = valid[valid["queue"].isin(queues.classes_)]
y_valid = queues.transform(valid["queue"])

clf = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000))
clf.fit(train[feature_cols], y_train)
pred = clf.predict(valid[feature_cols])
print(classification_report(queues.inverse_transform(y_valid), queues.inverse_transform(pred)))
