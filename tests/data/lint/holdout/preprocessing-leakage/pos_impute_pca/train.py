import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score

from prep import load_spectra, reduce_channels

df, channels = load_spectra("spectra_labelled.csv")
y = df["contaminated"].astype(int)

pcs = reduce_channels(df, channels)
X = pd.concat([pcs, df[["batch_temp", "exposure_ms"]].fillna(df[["batch_temp", "exposure_ms"]].median())], axis=1)
X["exposure_ms"] = (X["exposure_ms"] - 100.0) / 50.0
X["batch_temp"] = (X["batch_temp"] - 20.0) / 5.0

model = LogisticRegression(C=1.0, max_iter=5000)
cv = StratifiedKFold(n_splits=10, shuffle=True, random_state=0)
auc = cross_val_score(model, X, y, cv=cv, scoring="roc_auc")
print("10-fold ROC AUC: %.3f +/- %.3f" % (auc.mean(), auc.std()))

bal = cross_val_score(model, X, y, cv=cv, scoring="balanced_accuracy")
print("10-fold balanced accuracy: %.3f" % bal.mean())

model.fit(X, y)
coef = pd.Series(model.coef_[0], index=X.columns).sort_values(key=abs, ascending=False)
print(coef.head(10))
