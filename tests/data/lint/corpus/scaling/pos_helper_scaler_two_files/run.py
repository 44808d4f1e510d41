from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score

from prep import read, standardize

history = read("history.csv")
october = read("october.csv")

X_hist = standardize(history)
X_oct = standardize(october)

model = LogisticRegression(class_weight="balanced", max_iter=1000)
model.fit(X_hist, history["flagged"])
print("October PR-AUC:", average_precision_score(october["flagged"], model.predict_proba(X_oct)[:, 1]))
