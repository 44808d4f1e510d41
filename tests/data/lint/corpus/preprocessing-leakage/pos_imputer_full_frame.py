# expect: DATA_LEAKAGE@12
import pandas as pd
from sklearn.impute import SimpleImputer
from sklearn.ensemble import RandomForestRegressor
from sklearn.model_selection import train_test_split
from sklearn.metrics import mean_absolute_error

houses = pd.read_csv("ames_housing.csv")
num_cols = houses.select_dtypes("number").columns.drop(["SalePrice", "Id"])

imp = SimpleImputer(strategy="median")
houses[num_cols] = imp.fit_transform(houses[num_cols])

train_df, valid_df = train_test_split(houses, test_size=0.2, random_state=17)
rf = RandomForestRegressor(n_estimators=500, max_features=0.4, n_jobs=-1, random_state=17)
rf.fit(train_df[num_cols], train_df["SalePrice"])
print("MAE $", round(mean_absolute_error(valid_df["SalePrice"], rf.predict(valid_df[num_cols]))))
