# expect: NONE
import numpy as np
import pandas as pd
from sklearn.compose import make_column_transformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LinearRegression
from sklearn.metrics import mean_absolute_error
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder

staff = pd.read_csv("data/staff.csv")
staff[["years_at_company", "age"]] = staff[["years_at_company", "age"]].replace(9999, np.nan)
X = staff[["years_at_company", "age", "dept"]]
y = staff["salary"]

prep = make_column_transformer(
    (OneHotEncoder(), ["dept"]),
    (SimpleImputer(strategy="median", add_indicator=True), ["years_at_company", "age"]),
)
model = make_pipeline(prep, LinearRegression())

X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, random_state=3)
model.fit(X_tr, y_tr)
print("MAE:", round(mean_absolute_error(y_te, model.predict(X_te))))
