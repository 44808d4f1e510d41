# expect: OVERFITTING@26
# %% [markdown]
# # District heating: daily demand vs outdoor temperature
# 2023 heating season, one substation. Fit a smooth curve for the dispatch team.

# %%
import numpy as np
import pandas as pd
from sklearn.linear_model import LinearRegression
from sklearn.metrics import mean_absolute_error
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import PolynomialFeatures, StandardScaler

# %%
hd = pd.read_csv("substation_7_daily.csv")
hd = hd[hd["heating_on"] == 1]
X = hd[["t_out_mean_c"]].to_numpy()
y = hd["heat_mwh"].to_numpy()
print(len(hd), "days")

# %%
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.3, random_state=0)
curve = make_pipeline(
    StandardScaler(),
    PolynomialFeatures(degree=18, include_bias=False),
    LinearRegression(),
)
curve.fit(X_tr, y_tr)
print("MAE train:", round(mean_absolute_error(y_tr, curve.predict(X_tr)), 2))
print("MAE test :", round(mean_absolute_error(y_te, curve.predict(X_te)), 2))

# %%
grid = np.linspace(X.min(), X.max(), 200).reshape(-1, 1)
ax = pd.DataFrame({"t": X.ravel(), "mwh": y}).plot.scatter("t", "mwh", alpha=0.4)
ax.plot(grid.ravel(), curve.predict(grid), color="k")
