# expect: SCALING_ERROR@15
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score

cols = ["mpg", "cylinders", "displacement", "horsepower", "weight", "acceleration", "model_year"]
autos = pd.read_csv("auto-mpg.csv", na_values="?")
autos = autos.dropna(subset=["horsepower"]).reset_index(drop=True)
print(autos[cols].describe().T[["mean", "std", "min", "max"]])

X = autos[cols].astype(float).values

N_SEGMENTS = 4
km = KMeans(n_clusters=N_SEGMENTS, n_init=20, random_state=0)
autos["segment"] = km.fit_predict(X)

print("inertia:", round(km.inertia_, 1))
print("silhouette:", round(silhouette_score(X, autos["segment"]), 3))

profile = autos.groupby("segment")[cols].mean().round(1)
profile["n_cars"] = autos["segment"].value_counts().sort_index()
print(profile)

for seg, grp in autos.groupby("segment"):
    names = grp.sort_values("mpg", ascending=False)["car_name"].head(3).tolist()
    print(f"segment {seg}: e.g. {', '.join(names)}")

autos[["car_name", "segment"]].to_csv("auto_segments.csv", index=False)
