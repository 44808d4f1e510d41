# expect: NONE
import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

df = pd.read_csv("credit_applications.csv")
X = df.drop(columns=["app_id", "approved"]).to_numpy(dtype=float)
y = df["approved"].to_numpy()

rng = np.random.default_rng(2024)
folds = np.array_split(rng.permutation(len(df)), 5)

aucs = []
for k, held in enumerate(folds):
    fit_rows = np.concatenate([f for j, f in enumerate(folds) if j != k])
    assert not np.intersect1d(fit_rows, held).size
    lr = LogisticRegression(max_iter=2000, C=0.3)
    lr.fit(X[fit_rows], y[fit_rows])
    aucs.append(roc_auc_score(y[held], lr.predict_proba(X[held])[:, 1]))
    print(f"fold {k}: {aucs[-1]:.4f}")
print("mean AUC", np.mean(aucs))
