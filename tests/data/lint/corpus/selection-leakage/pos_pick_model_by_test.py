# expect: DATA_LEAKAGE@21
import pandas as pd
from sklearn.ensemble import ExtraTreesRegressor, GradientBoostingRegressor, RandomForestRegressor
from sklearn.linear_model import LassoCV
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsRegressor
from sklearn.metrics import r2_score

energy = pd.read_csv("building_energy.csv")
X = energy.drop(columns=["heating_load", "cooling_load"])
y = energy["heating_load"]
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=42)

candidates = {
    "lasso": LassoCV(cv=5),
    "knn": KNeighborsRegressor(n_neighbors=5),
    "rf": RandomForestRegressor(n_estimators=300, random_state=42),
    "et": ExtraTreesRegressor(n_estimators=300, random_state=42),
    "gbr": GradientBoostingRegressor(random_state=42),
}
scores = {name: r2_score(y_te, m.fit(X_tr, y_tr).predict(X_te)) for name, m in candidates.items()}
winner = max(scores, key=scores.get)
print(pd.Series(scores).sort_values(ascending=False))
print(f"Selected {winner}; R2 for the report: {scores[winner]:.3f}")
