# expect: NONE
import pandas as pd
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

spectra = pd.read_csv("nir_spectra.csv")
X = spectra.filter(like="wl_")
y = spectra["adulterated"]

pipe = Pipeline([("scale", StandardScaler()), ("svc", SVC(kernel="rbf", C=5.0, gamma="scale"))])
cv = StratifiedKFold(n_splits=10, shuffle=True, random_state=2)
scores = cross_val_score(pipe, X, y, cv=cv, scoring="f1")
print(f"F1 {scores.mean():.3f} +/- {scores.std():.3f}")
