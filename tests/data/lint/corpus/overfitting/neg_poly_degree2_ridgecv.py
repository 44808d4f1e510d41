# expect: NONE
import numpy as np
import pandas as pd
from sklearn.linear_model import RidgeCV
from sklearn.metrics import mean_squared_error
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import PolynomialFeatures, StandardScaler

mixes = pd.read_csv("concrete.csv")
X = mixes[["cement", "water", "age_days", "slag", "fly_ash"]]
y = mixes["strength_mpa"]
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=7)

model = make_pipeline(StandardScaler(), PolynomialFeatures(degree=2, include_bias=False),
                      RidgeCV(alphas=np.logspace(-3, 3, 13)))
model.fit(X_tr, y_tr)
print("alpha:", model[-1].alpha_)
print("test RMSE:", np.sqrt(mean_squared_error(y_te, model.predict(X_te))))
