# expect: NONE
import pandas as pd
from sklearn.tree import DecisionTreeClassifier
from sklearn.model_selection import train_test_split
from sklearn.metrics import f1_score

shoppers = pd.read_csv("customer_profiles.csv")
y = shoppers.pop("segment")
X = pd.get_dummies(shoppers.drop(columns=["customer_id"]), dtype=float)

X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, stratify=y, random_state=3)
tree = DecisionTreeClassifier(max_depth=8, min_samples_leaf=5, random_state=3)
tree.fit(X_tr, y_tr)
print("macro F1:", f1_score(y_te, tree.predict(X_te), average="macro"))
top = pd.Series(tree.feature_importances_, index=X.columns).nlargest(5)
print(top)
