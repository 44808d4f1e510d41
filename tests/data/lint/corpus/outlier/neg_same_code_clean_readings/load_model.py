# expect: NONE
"""Daily grid-load regression from the airport weather station."""
import pandas as pd
from sklearn.linear_model import Ridge
from sklearn.metrics import mean_absolute_error
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import SplineTransformer

station = pd.read_csv("data/station_daily.csv", parse_dates=["date"])
station = station.sort_values("date")

features = ["temp_c", "humidity", "wind_ms", "rain_mm"]
cutoff = pd.Timestamp("2022-03-01")
fit_rows = station[station.date < cutoff]
eval_rows = station[station.date >= cutoff]

model = make_pipeline(SplineTransformer(n_knots=6, degree=3), Ridge(alpha=1.0))
model.fit(fit_rows[features], fit_rows["load_mwh"])
print("MAE (MWh):", round(mean_absolute_error(eval_rows["load_mwh"], model.predict(eval_rows[features])), 1))
