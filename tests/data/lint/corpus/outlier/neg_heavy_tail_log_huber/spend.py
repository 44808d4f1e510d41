# expect: NONE
import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.linear_model import HuberRegressor
from sklearn.metrics import mean_absolute_error
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import FunctionTransformer, StandardScaler

hh = pd.read_csv("data/households.csv")
X = hh[["household_income", "household_size", "urban"]]
y = hh["monthly_spend"]

X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=6)

prep = ColumnTransformer([("log_income", FunctionTransformer(np.log1p), ["household_income"])],
                         remainder="passthrough")
model = Pipeline([("prep", prep), ("scale", StandardScaler()), ("huber", HuberRegressor(epsilon=1.35))])
model.fit(X_tr, y_tr)
print("MAE:", round(mean_absolute_error(y_te, model.predict(X_te)), 1))
