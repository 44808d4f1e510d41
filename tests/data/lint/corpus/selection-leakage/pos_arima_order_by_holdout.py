# expect: DATA_LEAKAGE@18
import itertools

import numpy as np
import pandas as pd
from statsmodels.tsa.arima.model import ARIMA

s = pd.read_csv("monthly_visitors.csv", parse_dates=["month"], index_col="month")["visitors"]
s = s.asfreq("MS")
fit_s, last12 = s.iloc[:-12], s.iloc[-12:]

errors = {}
for p, d, q in itertools.product(range(4), range(2), range(4)):
    try:
        res = ARIMA(fit_s, order=(p, d, q)).fit()
    except Exception:
        continue
    errors[(p, d, q)] = np.mean(np.abs(res.forecast(12) - last12))

order = min(errors, key=errors.get)
print("chosen order:", order)
print("forecast MAE on last 12 months:", round(errors[order], 1))
