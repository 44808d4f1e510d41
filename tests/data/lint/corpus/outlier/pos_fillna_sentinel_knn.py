# expect: OUTLIER@12
import pandas as pd
from sklearn.metrics import mean_absolute_error
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

cars = pd.read_csv("auto_listings.csv")
num = ["horsepower", "curb_weight_kg", "engine_l", "mpg_city", "year"]

cars[num] = cars[num].fillna(-999)

X_tr, X_te, y_tr, y_te = train_test_split(cars[num], cars["price"], test_size=0.2, random_state=0)
knn = make_pipeline(StandardScaler(), KNeighborsRegressor(n_neighbors=12, weights="distance"))
knn.fit(X_tr, y_tr)
print("MAE:", mean_absolute_error(y_te, knn.predict(X_te)))
