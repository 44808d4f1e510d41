# expect: no IMBALANCE
from sklearn.datasets import make_classification
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler
from sklearn.pipeline import make_pipeline
from sklearn.metrics import balanced_accuracy_score, classification_report
X, y = make_classification(n_samples=2000, weights=[0.97, 0.03], random_state=0)
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, random_state=0)
m = make_pipeline(StandardScaler(), LogisticRegression(class_weight="balanced")).fit(X_train, y_train)
print(balanced_accuracy_score(y_test, m.predict(X_test)))
print(classification_report(y_test, m.predict(X_test)))
