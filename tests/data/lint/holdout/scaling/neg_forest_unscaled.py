# expect: NONE
import pandas as pd
from sklearn.ensemble import RandomForestRegressor
from sklearn.inspection import permutation_importance
from sklearn.model_selection import train_test_split
from sklearn.metrics import mean_absolute_error, r2_score

cols = ["cylinders", "displacement", "horsepower", "weight", "acceleration", "model_year", "origin"]
autos = pd.read_csv("auto-mpg.csv", na_values="?")
autos = autos.dropna(subset=["horsepower"]).reset_index(drop=True)
print(autos[cols].describe().T[["mean", "std", "min", "max"]])

X_train, X_test, y_train, y_test = train_test_split(
    autos[cols], autos["mpg"], test_size=0.2, random_state=0
)

# split thresholds do not care about feature units, so raw values are fine here
forest = RandomForestRegressor(n_estimators=500, min_samples_leaf=2, max_features=0.5,
                               n_jobs=-1, random_state=0)
forest.fit(X_train, y_train)

pred = forest.predict(X_test)
print("MAE:", round(mean_absolute_error(y_test, pred), 3))
print("R2 :", round(r2_score(y_test, pred), 3))

imp = permutation_importance(forest, X_test, y_test, n_repeats=20, random_state=0)
ranking = pd.Series(imp.importances_mean, index=cols).sort_values(ascending=False)
print(ranking.round(4))
