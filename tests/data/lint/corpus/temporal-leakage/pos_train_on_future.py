# expect: DATA_LEAKAGE@14-15
import pandas as pd
from sklearn.linear_model import PoissonRegressor
from sklearn.metrics import mean_poisson_deviance

claims = pd.read_csv("monthly_claims.csv", parse_dates=["month"])
claims = claims.sort_values("month")
claims["lag_1"] = claims.groupby("region")["n_claims"].shift(1)
claims["lag_12"] = claims.groupby("region")["n_claims"].shift(12)
claims["m"] = claims["month"].dt.month
claims = pd.get_dummies(claims.dropna(), columns=["region"], dtype=float)

# keep the most recent two years for fitting, check on the older period
newer = claims[claims["month"] >= "2021-01-01"]
older = claims[claims["month"] < "2021-01-01"]
cols = [c for c in claims.columns if c not in ("month", "n_claims")]

glm = PoissonRegressor(alpha=1e-3, max_iter=500)
glm.fit(newer[cols], newer["n_claims"])
dev = mean_poisson_deviance(older["n_claims"], glm.predict(older[cols]))
print("deviance:", dev)
