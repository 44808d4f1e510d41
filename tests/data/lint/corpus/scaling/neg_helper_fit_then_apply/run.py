from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score

from prep import fit_scaler, read, standardize

history = read("history.csv")
october = read("october.csv")

scaler = fit_scaler(history)
X_hist = standardize(history, scaler)
X_oct = standardize(october, scaler)

model = LogisticRegression(class_weight="balanced", max_iter=1000)
model.fit(X_hist, history["flagged"])
print("October PR-AUC:", average_precision_score(october["flagged"], model.predict_proba(X_oct)[:, 1]))
