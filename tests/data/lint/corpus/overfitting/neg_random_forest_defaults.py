# expect: NONE
import pandas as pd
from sklearn.ensemble import RandomForestRegressor
from sklearn.metrics import mean_absolute_error
from sklearn.model_selection import cross_val_score, train_test_split

homes = pd.read_csv("ames_subset.csv")
X = homes.select_dtypes("number").drop(columns=["SalePrice"])
y = homes["SalePrice"]
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=42)

forest = RandomForestRegressor(n_estimators=500, n_jobs=-1, random_state=42)
cv_mae = -cross_val_score(forest, X_tr, y_tr, cv=5, scoring="neg_mean_absolute_error")
print("CV MAE:", round(cv_mae.mean()))

forest.fit(X_tr, y_tr)
print("test MAE:", round(mean_absolute_error(y_te, forest.predict(X_te))))
