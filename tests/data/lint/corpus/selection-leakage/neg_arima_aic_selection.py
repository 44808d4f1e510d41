# expect: NONE
import itertools

import numpy as np
import pandas as pd
from statsmodels.tsa.arima.model import ARIMA

s = pd.read_csv("monthly_visitors.csv", parse_dates=["month"], index_col="month")["visitors"]
s = s.asfreq("MS")
fit_s, last12 = s.iloc[:-12], s.iloc[-12:]

aic = {}
for p, d, q in itertools.product(range(4), range(2), range(4)):
    try:
        aic[(p, d, q)] = ARIMA(fit_s, order=(p, d, q)).fit().aic
    except Exception:
        continue

order = min(aic, key=aic.get)
res = ARIMA(fit_s, order=order).fit()
print("order by AIC:", order)
print("forecast MAE on last 12 months:", round(np.mean(np.abs(res.forecast(12) - last12)), 1))
