# expect: UNDERFITTING@13
import pandas as pd
from sklearn.metrics import classification_report
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeClassifier, plot_tree
import matplotlib.pyplot as plt

soils = pd.read_csv("land_survey.csv")
bands = ["b2", "b3", "b4", "b8", "b11", "b12", "ndvi", "ndwi", "slope", "elevation"]
X_tr, X_te, y_tr, y_te = train_test_split(soils[bands], soils["land_cover"], test_size=0.25,
                                          stratify=soils["land_cover"], random_state=0)

tree = DecisionTreeClassifier(max_depth=1, random_state=0)
tree.fit(X_tr, y_tr)
print(classification_report(y_te, tree.predict(X_te)))

plt.figure(figsize=(8, 4))
plot_tree(tree, feature_names=bands, filled=True)
plt.savefig("land_cover_tree.png", dpi=120)
