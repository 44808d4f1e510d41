# expect: NONE
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
X_dev, X_test, y_dev, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=4)
X_train, X_val, y_train, y_val = train_test_split(X_dev, y_dev, test_size=0.2, stratify=y_dev, random_state=5)

model = FailureAlertModel(min_recall=0.8, max_iter=400).fit(X_train, y_train, X_val, y_val)
report = model.report(X_test, y_test)
print(json.dumps(report, indent=2))

with open("alert_model_report.json", "w") as fh:
    json.dump(report, fh, indent=2)
