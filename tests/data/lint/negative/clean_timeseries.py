# expect: clean (no finding at or above 0.5)
import pandas as pd
from sklearn.linear_model import Ridge
from sklearn.preprocessing import StandardScaler
from sklearn.metrics import mean_absolute_error
df = pd.read_csv("demand.csv", parse_dates=["date"]).sort_values("date")
df["lag_7"] = df["demand"].shift(7)
df = df.dropna()
cutoff = df["date"].max() - pd.Timedelta(days=60)
train = df[df["date"] <= cutoff]
test = df[df["date"] > cutoff]
feats = ["lag_7", "temp"]
sc = StandardScaler().fit(train[feats])
m = Ridge(alpha=1.0).fit(sc.transform(train[feats]), train["demand"])
print(mean_absolute_error(test["demand"], m.predict(sc.transform(test[feats]))))
