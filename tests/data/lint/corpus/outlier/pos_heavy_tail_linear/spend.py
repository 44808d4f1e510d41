# expect: OUTLIER@13
import pandas as pd
from sklearn.linear_model import LinearRegression
from sklearn.metrics import mean_absolute_error, r2_score
from sklearn.model_selection import train_test_split

hh = pd.read_csv("data/households.csv")
X = hh[["household_income", "household_size", "urban"]]
y = hh["monthly_spend"]

X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=6)

ols = LinearRegression()
ols.fit(X_tr, y_tr)
pred = ols.predict(X_te)
print("R2:", round(r2_score(y_te, pred), 3), "MAE:", round(mean_absolute_error(y_te, pred), 1))
print("spend per extra 1k income:", round(ols.coef_[0] * 1000, 2))
