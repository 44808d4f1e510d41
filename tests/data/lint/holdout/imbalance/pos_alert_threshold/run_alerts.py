import json

from sklearn.datasets import make_classification
from sklearn.model_selection import train_test_split

from alerting import FailureAlertModel

# simulated telemetry until the real export is available
X, y = make_classification(
    n_samples=30000,
    n_features=30,
    n_informative=10,
    n_redundant=5,
    weights=[0.99, 0.01],
    class_sep=0.8,
    random_state=4,
)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=4)

model = FailureAlertModel(max_iter=400).fit(X_train, y_train)
report = model.report(X_test, y_test)
print(json.dumps(report, indent=2))

with open("alert_model_report.json", "w") as fh:
    json.dump(report, fh, indent=2)
