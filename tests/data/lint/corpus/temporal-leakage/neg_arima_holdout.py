# expect: NONE
import numpy as np
import pandas as pd
from statsmodels.tsa.arima.model import ARIMA

passengers = pd.read_csv("airline_passengers.csv", parse_dates=["Month"], index_col="Month")
series = np.log(passengers["Passengers"].asfreq("MS"))

horizon = 12
fit_series = series.iloc[:-horizon]
actual = series.iloc[-horizon:]

model = ARIMA(fit_series, order=(2, 1, 1), seasonal_order=(0, 1, 1, 12))
res = model.fit()
forecast = res.get_forecast(steps=horizon)
pred = forecast.predicted_mean
ci = forecast.conf_int(alpha=0.1)

mape = np.mean(np.abs(np.exp(pred) - np.exp(actual)) / np.exp(actual))
print(res.summary().tables[1])
print(f"12-month MAPE: {mape:.2%}")
print("interval coverage:", ((actual >= ci.iloc[:, 0]) & (actual <= ci.iloc[:, 1])).mean())
