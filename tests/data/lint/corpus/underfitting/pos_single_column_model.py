# expect: UNDERFITTING@9
import pandas as pd
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.metrics import mean_absolute_error

history = pd.read_csv("hospital_stays_2022.csv")
recent = pd.read_csv("hospital_stays_2023.csv")

FEATURES = ["age"]

model = HistGradientBoostingRegressor(max_iter=300, learning_rate=0.05)
model.fit(history[FEATURES], history["length_of_stay_days"])
pred = model.predict(recent[FEATURES])
print("2023 MAE (days):", round(mean_absolute_error(recent["length_of_stay_days"], pred), 2))
print("columns available:", [c for c in recent.columns if c != "length_of_stay_days"])
