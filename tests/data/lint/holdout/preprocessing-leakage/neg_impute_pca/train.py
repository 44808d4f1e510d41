# expect: NONE
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score, train_test_split
from sklearn.pipeline import Pipeline
from sklearn.metrics import roc_auc_score

from prep import load_spectra, make_reducer

df, channels = load_spectra("spectra_labelled.csv")
y = df["contaminated"].astype(int)
X = df[channels]

X_dev, X_test, y_dev, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)

model = Pipeline([
    ("reduce", make_reducer()),
    ("clf", LogisticRegression(C=1.0, max_iter=5000)),
])

cv = StratifiedKFold(n_splits=10, shuffle=True, random_state=0)
auc = cross_val_score(model, X_dev, y_dev, cv=cv, scoring="roc_auc")
print("10-fold ROC AUC: %.3f +/- %.3f" % (auc.mean(), auc.std()))

model.fit(X_dev, y_dev)
pca = model.named_steps["reduce"].named_steps["pca"]
print("explained variance: %.3f" % pca.explained_variance_ratio_.sum())
print("test ROC AUC: %.3f" % roc_auc_score(y_test, model.predict_proba(X_test)[:, 1]))
