# expect: DATA_LEAKAGE@18
import numpy as np
import pandas as pd
from sklearn.feature_selection import SelectKBest, f_classif
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.model_selection import RepeatedStratifiedKFold, cross_val_score

expr = pd.read_csv("expression_matrix.csv", index_col=0)
meta = pd.read_csv("sample_meta.csv", index_col=0).loc[expr.index]

y = (meta["response"] == "responder").astype(int).values
X = np.log2(expr.values + 1.0)
print("samples x genes:", X.shape, "responders:", y.sum())

selector = SelectKBest(score_func=f_classif, k=50)
X_top = selector.fit_transform(X, y)
top_genes = expr.columns[selector.get_support()]

pipe = make_pipeline(StandardScaler(), LogisticRegression(penalty="l2", C=0.1, max_iter=5000))
cv = RepeatedStratifiedKFold(n_splits=5, n_repeats=10, random_state=1)
scores = cross_val_score(pipe, X_top, y, cv=cv, scoring="roc_auc", n_jobs=-1)

print("AUC = %.3f +/- %.3f" % (scores.mean(), scores.std()))
pd.Series(top_genes).to_csv("signature_genes.csv", index=False)
