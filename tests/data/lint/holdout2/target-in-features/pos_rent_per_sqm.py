# expect: DATA_LEAKAGE@16
# %% [markdown]
# # Long-term rental asking prices - listings scraped March 2024

# %%
import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.metrics import mean_absolute_error, r2_score
from sklearn.model_selection import train_test_split

# %%
listings = pd.read_csv("rentals_2024_03.csv")
listings = listings[(listings["area_m2"] > 12) & (listings["monthly_rent"] > 150)]
listings["rooms_per_m2"] = listings["rooms"] / listings["area_m2"]
listings["rent_per_m2"] = listings["monthly_rent"] / listings["area_m2"]
listings["age_years"] = 2024 - listings["year_built"]
listings["district"] = listings["district"].astype("category")
listings.describe().T

# %%
X = listings.drop(columns=["listing_id", "monthly_rent", "title", "url"])
y = np.log(listings["monthly_rent"])
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=14)

# %%
hgb = HistGradientBoostingRegressor(
    max_iter=500, learning_rate=0.05, max_leaf_nodes=31, categorical_features="from_dtype", random_state=14
)
hgb.fit(X_train, y_train)
pred = np.exp(hgb.predict(X_test))
print("MAE EUR:", round(mean_absolute_error(np.exp(y_test), pred)))
print("R2 (log):", round(r2_score(y_test, np.log(pred)), 3))
