# expect: ENCODING_ERROR@11
import numpy as np
import pandas as pd
from sklearn.linear_model import Ridge
from sklearn.model_selection import KFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

weekly = pd.read_csv("data/weekly.csv")

X = weekly[["store_id", "promo", "temp_c"]].astype(float)
y = weekly["weekly_sales"]

model = make_pipeline(StandardScaler(), Ridge(alpha=0.5))
cv = KFold(n_splits=5, shuffle=True, random_state=0)
rmse = -cross_val_score(model, X, y, cv=cv, scoring="neg_root_mean_squared_error")
print("CV RMSE: %.1f +/- %.1f" % (rmse.mean(), rmse.std()))

model.fit(X, y)
print("promo uplift per week:", np.round(model[-1].coef_[1] / model[0].scale_[1], 1))
