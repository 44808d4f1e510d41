# expect: NONE
import numpy as np
import pandas as pd
from sklearn.linear_model import RidgeCV
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.model_selection import KFold, cross_validate

houses = pd.read_csv("data/houses.csv")
houses["rooms"] = houses["bedrooms"] + houses["bathrooms"]
houses["log_lot"] = np.log(houses["lot_size"])

features = ["sqft", "log_lot", "bedrooms", "bathrooms", "rooms", "age", "dist_to_center_km"]
X = houses[features]
y = houses["price"]

model = make_pipeline(StandardScaler(), RidgeCV(alphas=np.logspace(-3, 3, 25)))
cv = KFold(n_splits=5, shuffle=True, random_state=1)
res = cross_validate(model, X, y, cv=cv, return_train_score=True,
                     scoring=("r2", "neg_mean_absolute_error"))

print("train R2: %.3f" % res["train_r2"].mean())
print("CV R2   : %.3f" % res["test_r2"].mean())
print("CV MAE  : %.0f" % -res["test_neg_mean_absolute_error"].mean())

model.fit(X, y)
print("alpha chosen:", model[-1].alpha_)
print(pd.Series(model[-1].coef_, index=features).round(1))
