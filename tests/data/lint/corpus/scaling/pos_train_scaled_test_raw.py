# expect: SCALING_ERROR@18
import pandas as pd
from sklearn.linear_model import SGDRegressor
from sklearn.metrics import mean_absolute_error
from sklearn.preprocessing import RobustScaler

FEATURES = ["sqft_living", "sqft_lot", "bathrooms", "grade", "lat", "long", "yr_built"]

sales_2014 = pd.read_csv("kc_sales_2014.csv")
sales_2015 = pd.read_csv("kc_sales_2015.csv")

scaler = RobustScaler()
train_matrix = scaler.fit_transform(sales_2014[FEATURES])

reg = SGDRegressor(penalty="l2", alpha=1e-4, max_iter=2000, tol=1e-4, random_state=1)
reg.fit(train_matrix, sales_2014["log_price"])

pred_2015 = reg.predict(sales_2015[FEATURES].to_numpy())
print("2015 MAE on log price:", mean_absolute_error(sales_2015["log_price"], pred_2015))
