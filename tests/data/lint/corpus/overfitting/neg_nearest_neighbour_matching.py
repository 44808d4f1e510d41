# expect: NONE
"""Match each treated store to its most similar control store before the price test."""
import pandas as pd
from sklearn.neighbors import NearestNeighbors
from sklearn.preprocessing import StandardScaler

stores = pd.read_csv("stores.csv")
covariates = ["sqft", "weekly_footfall", "median_income_k", "competitors_5km"]

treated = stores[stores["in_test"] == 1]
control = stores[stores["in_test"] == 0]

scaler = StandardScaler().fit(stores[covariates])
nn = NearestNeighbors(n_neighbors=1).fit(scaler.transform(control[covariates]))
dist, idx = nn.kneighbors(scaler.transform(treated[covariates]))

pairs = pd.DataFrame({
    "treated_store": treated["store_id"].to_numpy(),
    "control_store": control["store_id"].to_numpy()[idx[:, 0]],
    "distance": dist[:, 0],
})
print(pairs.describe())
pairs.to_csv("matched_pairs.csv", index=False)
