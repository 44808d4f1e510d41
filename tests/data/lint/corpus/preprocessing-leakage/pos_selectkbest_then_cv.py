# expect: DATA_LEAKAGE@12
import numpy as np
import pandas as pd
from sklearn.feature_selection import SelectKBest, f_classif
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score

expr = pd.read_csv("gene_expression.csv", index_col=0)  # 120 samples x 5000 genes
labels = expr.pop("subtype")

selector = SelectKBest(score_func=f_classif, k=50)
top_genes = selector.fit_transform(expr.values, labels.values)
print("kept genes:", list(expr.columns[selector.get_support()])[:10])

clf = LogisticRegression(penalty="l2", C=1.0, max_iter=5000)
cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
scores = cross_val_score(clf, top_genes, labels, cv=cv)
print(f"CV accuracy: {np.mean(scores):.3f} +/- {np.std(scores):.3f}")
