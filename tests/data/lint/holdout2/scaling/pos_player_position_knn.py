# expect: SCALING_ERROR@30
# %% [markdown]
# ## Infer playing position from GPS + anthropometrics (women's league, 2023)

# %%
import pandas as pd
from sklearn.metrics import classification_report, f1_score
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier
from sklearn.preprocessing import StandardScaler

# %%
players = pd.read_csv("league_gps_2023.csv")
cols = [
    "height_cm", "mass_kg", "top_speed_kmh", "distance_per_90_m",
    "hsr_distance_m", "sprints_per_90", "accels_per_90", "touches_per_90",
]
X, y = players[cols], players["position_group"]
y.value_counts()

# %%
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=1)
scaler = StandardScaler().fit(X_train)
X_train_s = scaler.transform(X_train)

knn = KNeighborsClassifier(n_neighbors=7, weights="distance")
knn.fit(X_train_s, y_train)

# %%
pred = knn.predict(X_test)
print(classification_report(y_test, pred, digits=3))
print("macro F1:", round(f1_score(y_test, pred, average="macro"), 3))
