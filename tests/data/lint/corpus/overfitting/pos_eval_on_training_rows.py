# expect: OVERFITTING@13
import pandas as pd
from sklearn.ensemble import ExtraTreesClassifier
from sklearn.metrics import classification_report, f1_score

reviews = pd.read_csv("code_reviews.csv")
features = ["lines_changed", "files_touched", "author_tenure_days", "comments", "test_ratio", "hour"]
X, y = reviews[features], reviews["reverted"]

model = ExtraTreesClassifier(n_estimators=300, random_state=0)
model.fit(X, y)

pred = model.predict(X)
print(classification_report(y, pred))
print("F1 of the revert predictor:", round(f1_score(y, pred), 3))
