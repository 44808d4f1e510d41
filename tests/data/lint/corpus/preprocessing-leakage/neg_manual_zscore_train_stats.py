# expect: NONE
import pandas as pd
from sklearn.neighbors import KNeighborsRegressor
from sklearn.metrics import mean_squared_error

cars = pd.read_csv("auto_mpg.csv").dropna()
num = ["cylinders", "displacement", "horsepower", "weight", "acceleration", "model_year"]

shuffled = cars.sample(frac=1.0, random_state=21)
n = int(len(shuffled) * 0.8)
fit_rows, eval_rows = shuffled.iloc[:n].copy(), shuffled.iloc[n:].copy()

mu, sd = fit_rows[num].mean(), fit_rows[num].std()
fit_rows[num] = (fit_rows[num] - mu) / sd
eval_rows[num] = (eval_rows[num] - mu) / sd

knn = KNeighborsRegressor(n_neighbors=7, weights="distance")
knn.fit(fit_rows[num], fit_rows["mpg"])
print("RMSE mpg:", mean_squared_error(eval_rows["mpg"], knn.predict(eval_rows[num])) ** 0.5)
