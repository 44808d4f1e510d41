# expect: OVERFITTING@18
import pandas as pd
from sklearn.tree import DecisionTreeRegressor, export_text
from sklearn.model_selection import train_test_split
from sklearn.metrics import r2_score, mean_absolute_error

# 103 concrete slump tests from the lab notebook
slump = pd.read_csv("slump_test.csv")
slump.columns = [c.split("(")[0].strip().lower().replace(" ", "_") for c in slump.columns]

inputs = ["cement", "slag", "fly_ash", "water", "sp", "coarse_aggr", "fine_aggr"]
target = "compressive_strength"

X_train, X_test, y_train, y_test = train_test_split(
    slump[inputs], slump[target], test_size=0.2, random_state=8
)

tree = DecisionTreeRegressor(max_depth=None, min_samples_leaf=1, min_samples_split=2, random_state=8)
tree.fit(X_train, y_train)

print("depth:", tree.get_depth(), "leaves:", tree.get_n_leaves())
print("train R2:", round(r2_score(y_train, tree.predict(X_train)), 3))
print("test  R2:", round(r2_score(y_test, tree.predict(X_test)), 3))
print("test MAE:", round(mean_absolute_error(y_test, tree.predict(X_test)), 2))

print(export_text(tree, feature_names=inputs, max_depth=3))
pd.Series(tree.feature_importances_, index=inputs).sort_values().plot.barh(figsize=(5, 3))
