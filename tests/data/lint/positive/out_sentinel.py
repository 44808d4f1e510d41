# expect: OUTLIER sentinel-unhandled
"""Sensor readings; a failed sensor writes -999 instead of a value."""
import pandas as pd
from sklearn.linear_model import LinearRegression
df = pd.read_csv("sensors.csv")
m = LinearRegression().fit(df[["temp", "humidity"]], df["load"])
