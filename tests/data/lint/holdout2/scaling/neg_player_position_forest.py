# expect: NONE
# %% [markdown]
# ## Infer playing position from GPS + anthropometrics (women's league, 2023)
# Tree ensemble, so raw units are fine.

# %%
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import classification_report, f1_score
from sklearn.model_selection import train_test_split

# %%
players = pd.read_csv("league_gps_2023.csv")
cols = [
    "height_cm", "mass_kg", "top_speed_kmh", "distance_per_90_m",
    "hsr_distance_m", "sprints_per_90", "accels_per_90", "touches_per_90",
]
X, y = players[cols], players["position_group"]

# %%
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=1)
rf = RandomForestClassifier(n_estimators=500, min_samples_leaf=3, max_features="sqrt", random_state=1)
rf.fit(X_train, y_train)

# %%
pred = rf.predict(X_test)
print(classification_report(y_test, pred, digits=3))
print("macro F1:", round(f1_score(y_test, pred, average="macro"), 3))
pd.Series(rf.feature_importances_, index=cols).sort_values(ascending=False)
