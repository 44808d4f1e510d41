# expect: no OUTLIER
"""Customer ids run from 1 to 99999; the model predicts monthly spend."""
import pandas as pd
from sklearn.linear_model import LinearRegression

df = pd.read_csv("customers.csv")  # 9999 rows
model = LinearRegression().fit(df[["visits", "tenure"]], df["spend"])
