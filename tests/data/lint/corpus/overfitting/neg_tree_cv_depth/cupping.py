# expect: NONE
import pandas as pd
from sklearn.metrics import mean_absolute_error, r2_score
from sklearn.model_selection import GridSearchCV, train_test_split
from sklearn.tree import DecisionTreeRegressor

tasting = pd.read_csv("data/tasting.csv")
X = tasting[["acidity", "sweetness", "body", "aroma", "altitude_m"]]
y = tasting["cup_score"]

X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, random_state=0)

search = GridSearchCV(
    DecisionTreeRegressor(random_state=0),
    {"max_depth": [2, 3, 4, 6, None], "min_samples_leaf": [5, 10, 20]},
    cv=5, scoring="neg_mean_absolute_error",
)
search.fit(X_tr, y_tr)
tree = search.best_estimator_

pred = tree.predict(X_te)
print("chosen:", search.best_params_)
print("test R2 :", round(r2_score(y_te, pred), 3))
print("test MAE:", round(mean_absolute_error(y_te, pred), 2))
