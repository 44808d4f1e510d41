# expect: NONE
import pandas as pd
from sklearn.ensemble import ExtraTreesClassifier
from sklearn.metrics import f1_score
from sklearn.model_selection import train_test_split

reviews = pd.read_csv("code_reviews.csv")
features = ["lines_changed", "files_touched", "author_tenure_days", "comments", "test_ratio", "hour"]
X_tr, X_te, y_tr, y_te = train_test_split(reviews[features], reviews["reverted"], test_size=0.25,
                                          stratify=reviews["reverted"], random_state=0)

model = ExtraTreesClassifier(n_estimators=300, min_samples_leaf=4, random_state=0)
model.fit(X_tr, y_tr)

train_f1 = f1_score(y_tr, model.predict(X_tr))
test_f1 = f1_score(y_te, model.predict(X_te))
print(f"train F1 {train_f1:.3f} | test F1 {test_f1:.3f} | gap {train_f1 - test_f1:.3f}")
