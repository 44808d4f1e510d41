# expect: NONE
import pandas as pd
from sklearn.base import clone
from sklearn.ensemble import GradientBoostingRegressor, RandomForestRegressor
from sklearn.linear_model import LassoCV
from sklearn.model_selection import cross_val_score, train_test_split
from sklearn.metrics import r2_score

energy = pd.read_csv("building_energy.csv")
X = energy.drop(columns=["heating_load", "cooling_load"])
y = energy["heating_load"]
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=42)

candidates = {
    "lasso": LassoCV(cv=5),
    "rf": RandomForestRegressor(n_estimators=300, random_state=42),
    "gbr": GradientBoostingRegressor(random_state=42),
}
cv_r2 = {name: cross_val_score(m, X_tr, y_tr, cv=5, scoring="r2").mean() for name, m in candidates.items()}
winner = max(cv_r2, key=cv_r2.get)
final = clone(candidates[winner]).fit(X_tr, y_tr)
print(pd.Series(cv_r2).sort_values(ascending=False))
print(f"{winner}: held-out R2 {r2_score(y_te, final.predict(X_te)):.3f}")
