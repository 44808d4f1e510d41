# expect: NONE
import pandas as pd
from sklearn.feature_selection import SelectKBest, f_classif
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV, StratifiedKFold, cross_val_score
from sklearn.pipeline import Pipeline

expr = pd.read_csv("gene_expression.csv", index_col=0)
labels = expr.pop("subtype")

pipe = Pipeline([("select", SelectKBest(f_classif)), ("clf", LogisticRegression(max_iter=5000))])
inner = StratifiedKFold(n_splits=4, shuffle=True, random_state=1)
outer = StratifiedKFold(n_splits=5, shuffle=True, random_state=2)
search = GridSearchCV(pipe, {"select__k": [20, 50, 100], "clf__C": [0.1, 1.0]}, cv=inner)

nested = cross_val_score(search, expr, labels, cv=outer)
print(f"nested CV accuracy: {nested.mean():.3f} +/- {nested.std():.3f}")
