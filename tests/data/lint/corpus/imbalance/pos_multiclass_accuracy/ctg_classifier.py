# expect: IMBALANCE@16
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import train_test_split

ctg = pd.read_csv("data/ctg.csv")
X = ctg.drop(columns="fetal_state")
y = ctg["fetal_state"]

X_a, X_b, y_a, y_b = train_test_split(X, y, test_size=0.25, stratify=y, random_state=8)

forest = RandomForestClassifier(n_estimators=500, min_samples_leaf=2, random_state=8)
forest.fit(X_a, y_a)

print("train score:", round(forest.score(X_a, y_a), 3))
print("test score:", round(forest.score(X_b, y_b), 3))
