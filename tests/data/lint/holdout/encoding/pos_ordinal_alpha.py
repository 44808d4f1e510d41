# expect: ENCODING_ERROR@21
import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.linear_model import Ridge
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, OrdinalEncoder, StandardScaler
from sklearn.model_selection import KFold, cross_val_score

houses = pd.read_csv("ames_train.csv")
y = np.log(houses["SalePrice"])

# quality ratings: Po < Fa < TA < Gd < Ex
quality_cols = ["ExterQual", "KitchenQual", "BsmtQual", "HeatingQC"]
nominal_cols = ["Neighborhood", "BldgType", "HouseStyle", "Foundation"]
numeric_cols = ["GrLivArea", "TotalBsmtSF", "LotArea", "YearBuilt", "GarageCars", "FullBath"]

houses[quality_cols] = houses[quality_cols].fillna("TA")

prep = ColumnTransformer([
    ("quality", OrdinalEncoder(), quality_cols),
    ("nominal", OneHotEncoder(handle_unknown="ignore"), nominal_cols),
    ("numeric", StandardScaler(), numeric_cols),
])

model = Pipeline([("prep", prep), ("ridge", Ridge(alpha=10.0))])
cv = KFold(n_splits=5, shuffle=True, random_state=0)
rmse = -cross_val_score(model, houses[quality_cols + nominal_cols + numeric_cols], y,
                        cv=cv, scoring="neg_root_mean_squared_error")
print("CV RMSE (log price): %.4f +/- %.4f" % (rmse.mean(), rmse.std()))

model.fit(houses[quality_cols + nominal_cols + numeric_cols], y)
names = model.named_steps["prep"].get_feature_names_out()
coefs = pd.Series(model.named_steps["ridge"].coef_, index=names)
print(coefs.filter(like="quality").round(4))
