# expect: NONE
import json

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import SGDClassifier
from sklearn.metrics import average_precision_score


def read_events(path):
    with open(path) as fh:
        return [json.loads(line) for line in fh]


def to_features(events):
    return [{"browser": e["browser"], "os": e["os"], "country": e["country"],
             "page_depth": e["page_depth"], "is_returning": e["is_returning"]} for e in events]


week1 = read_events("clicks_week1.jsonl")
week2 = read_events("clicks_week2.jsonl")

vec = DictVectorizer()
X_week1 = vec.fit_transform(to_features(week1))
X_week2 = vec.transform(to_features(week2))

y_week1 = [e["clicked"] for e in week1]
y_week2 = [e["clicked"] for e in week2]

clf = SGDClassifier(loss="log_loss", alpha=1e-4, max_iter=50, random_state=0)
clf.fit(X_week1, y_week1)
print("AP week 2:", average_precision_score(y_week2, clf.decision_function(X_week2)))
