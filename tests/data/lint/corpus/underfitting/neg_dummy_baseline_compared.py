# expect: NONE
import pandas as pd
from sklearn.dummy import DummyRegressor
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.metrics import mean_absolute_error

history = pd.read_csv("hospital_stays_2022.csv")
recent = pd.read_csv("hospital_stays_2023.csv")
FEATURES = ["age", "emergency_admission", "n_diagnoses", "n_procedures", "ward_occupancy", "weekday"]

baseline = DummyRegressor(strategy="median")
baseline.fit(history[FEATURES], history["length_of_stay_days"])

model = HistGradientBoostingRegressor(max_iter=400, learning_rate=0.05, min_samples_leaf=40)
model.fit(history[FEATURES], history["length_of_stay_days"])

for name, m in (("median baseline", baseline), ("gradient boosting", model)):
    mae = mean_absolute_error(recent["length_of_stay_days"], m.predict(recent[FEATURES]))
    print(f"{name:>18}: MAE {mae:.2f} days")
