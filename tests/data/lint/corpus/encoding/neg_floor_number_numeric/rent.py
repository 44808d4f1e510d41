# expect: NONE
import pandas as pd
from sklearn.linear_model import LinearRegression
from sklearn.metrics import mean_absolute_error
from sklearn.model_selection import cross_val_predict

flats = pd.read_csv("data/apartments.csv")

features = ["floor", "area_m2", "balcony"]
X = flats[features]
y = flats["monthly_rent"]

ols = LinearRegression()
oof = cross_val_predict(ols, X, y, cv=5)
print("out-of-fold MAE:", round(mean_absolute_error(y, oof), 1))

ols.fit(X, y)
for name, coef in zip(features, ols.coef_):
    print(f"{name}: {coef:+.1f} per unit")
