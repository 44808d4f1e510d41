# expect: NONE
# %% [markdown]
# # District heating: daily demand vs outdoor temperature
# 2023 heating season, one substation. Degree picked by cross-validation.

# %%
import numpy as np
import pandas as pd
from sklearn.linear_model import Ridge
from sklearn.metrics import mean_absolute_error
from sklearn.model_selection import GridSearchCV, KFold, train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import PolynomialFeatures, StandardScaler

# %%
hd = pd.read_csv("substation_7_daily.csv")
hd = hd[hd["heating_on"] == 1]
X = hd[["t_out_mean_c"]].to_numpy()
y = hd["heat_mwh"].to_numpy()

# %%
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.3, random_state=0)
pipe = Pipeline([
    ("scale", StandardScaler()),
    ("poly", PolynomialFeatures(include_bias=False)),
    ("ridge", Ridge()),
])
search = GridSearchCV(
    pipe,
    {"poly__degree": [1, 2, 3, 4], "ridge__alpha": [0.01, 0.1, 1.0]},
    cv=KFold(5, shuffle=True, random_state=0),
    scoring="neg_mean_absolute_error",
)
search.fit(X_tr, y_tr)
print("chosen:", search.best_params_)
print("MAE test:", round(mean_absolute_error(y_te, search.predict(X_te)), 2))

# %%
grid = np.linspace(X.min(), X.max(), 200).reshape(-1, 1)
ax = pd.DataFrame({"t": X.ravel(), "mwh": y}).plot.scatter("t", "mwh", alpha=0.4)
ax.plot(grid.ravel(), search.predict(grid), color="k")
