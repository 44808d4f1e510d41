# expect: no OUTLIER
"""Sensor readings; a failed sensor writes -999 instead of a value."""
import numpy as np
import pandas as pd
from sklearn.linear_model import LinearRegression
df = pd.read_csv("sensors.csv").replace(-999, np.nan).dropna()
m = LinearRegression().fit(df[["temp", "humidity"]], df["load"])
