# expect: NONE
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.linear_model import RidgeCV
from sklearn.metrics import mean_absolute_error, r2_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, SplineTransformer

bikes = pd.read_csv("data/bike_hourly.csv")
X = bikes[["hour", "temp_c", "weekday"]]
y = bikes["rides"]

X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=4)

prep = ColumnTransformer([
    ("hour", SplineTransformer(n_knots=12, degree=3, extrapolation="periodic"), ["hour"]),
    ("temp", SplineTransformer(n_knots=6, degree=3), ["temp_c"]),
    ("day", OneHotEncoder(handle_unknown="ignore"), ["weekday"]),
])
reg = make_pipeline(prep, RidgeCV(alphas=[0.01, 0.1, 1.0, 10.0]))
reg.fit(X_tr, y_tr)

print("train R2:", round(reg.score(X_tr, y_tr), 3))
print("test R2 :", round(r2_score(y_te, reg.predict(X_te)), 3))
print("test MAE:", round(mean_absolute_error(y_te, reg.predict(X_te)), 1))
