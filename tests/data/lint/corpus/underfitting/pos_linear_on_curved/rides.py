# expect: UNDERFITTING@13
import pandas as pd
from sklearn.linear_model import LinearRegression
from sklearn.metrics import mean_absolute_error, r2_score
from sklearn.model_selection import train_test_split

bikes = pd.read_csv("data/bike_hourly.csv")
X = bikes[["hour", "temp_c", "weekday"]]
y = bikes["rides"]

X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=4)

reg = LinearRegression()
reg.fit(X_tr, y_tr)

print("train R2:", round(reg.score(X_tr, y_tr), 3))
print("test R2 :", round(r2_score(y_te, reg.predict(X_te)), 3))
print("test MAE:", round(mean_absolute_error(y_te, reg.predict(X_te)), 1))
