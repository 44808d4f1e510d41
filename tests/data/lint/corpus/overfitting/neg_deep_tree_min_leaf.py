# expect: NONE
import pandas as pd
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeClassifier, export_text

apps = pd.read_csv("card_applications.csv")  # 180k rows
X = apps.drop(columns=["approved", "application_id"])
y = apps["approved"]
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)

tree = DecisionTreeClassifier(max_depth=None, min_samples_leaf=200, ccp_alpha=1e-4, random_state=0)
tree.fit(X_tr, y_tr)
print("leaves:", tree.get_n_leaves(), "depth:", tree.get_depth())
print("test AUC:", roc_auc_score(y_te, tree.predict_proba(X_te)[:, 1]))
print(export_text(tree, feature_names=list(X.columns), max_depth=3))
