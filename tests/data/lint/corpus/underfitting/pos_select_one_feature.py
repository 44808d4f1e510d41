# expect: UNDERFITTING@13
import pandas as pd
from sklearn.ensemble import RandomForestRegressor
from sklearn.feature_selection import SelectKBest, f_regression
from sklearn.model_selection import KFold, cross_val_score
from sklearn.pipeline import make_pipeline

wines = pd.read_csv("winequality-red.csv", sep=";")
X = wines.drop(columns="quality")
y = wines["quality"]

model = make_pipeline(
    SelectKBest(f_regression, k=1),
    RandomForestRegressor(n_estimators=300, min_samples_leaf=3, random_state=0),
)
cv = KFold(n_splits=5, shuffle=True, random_state=0)
print("CV R2:", cross_val_score(model, X, y, cv=cv, scoring="r2").mean().round(3))
