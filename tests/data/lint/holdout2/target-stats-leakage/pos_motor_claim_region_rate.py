# expect: DATA_LEAKAGE@19
# %% [markdown]
# # Motor portfolio - claim incidence model (renewal year 2024)

# %%
import pandas as pd
from lightgbm import LGBMClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

# %%
pol = pd.read_csv("motor_policies_2023.csv")
pol["vehicle_age"] = 2023 - pol["vehicle_year"]
pol["young_driver"] = (pol["driver_age"] < 25).astype(int)
pol["power_to_weight"] = pol["engine_kw"] / pol["kerb_weight_kg"]
pol["has_claim"].mean()

# %%
pol["region_claim_rate"] = pol.groupby("region")["has_claim"].transform("mean")
PREMIUM = {"audi", "bmw", "mercedes", "porsche", "tesla", "volvo"}
pol["premium_make"] = pol["vehicle_make"].str.lower().isin(PREMIUM).astype(int)

features = [
    "driver_age", "young_driver", "years_licensed", "vehicle_age", "power_to_weight",
    "annual_km", "ncd_years", "region_claim_rate", "premium_make", "garaged",
]

# %%
train, test = train_test_split(pol, test_size=0.25, stratify=pol["has_claim"], random_state=31)
model = LGBMClassifier(n_estimators=600, learning_rate=0.02, num_leaves=31, min_child_samples=50, verbose=-1)
model.fit(train[features], train["has_claim"])
p = model.predict_proba(test[features])[:, 1]
auc = roc_auc_score(test["has_claim"], p)
print(f"AUC {auc:.3f}  Gini {2 * auc - 1:.3f}")

# %%
lift = test.assign(p=p).groupby(pd.qcut(p, 10, labels=False))["has_claim"].mean()
lift
