# expect: SCALING_ERROR@12
import pandas as pd
from sklearn.decomposition import PCA
from sklearn.linear_model import LinearRegression
from sklearn.model_selection import cross_val_score
from sklearn.pipeline import Pipeline

plots = pd.read_csv("data/plots.csv")
features = ["nitrogen_mg_kg", "ph", "organic_matter_pct", "rain_mm", "elevation_m"]

model = Pipeline([
    ("pca", PCA(n_components=3)),
    ("ols", LinearRegression()),
])
scores = cross_val_score(model, plots[features], plots["yield_t_ha"], cv=5, scoring="r2")
print("CV R2:", scores.round(3), "mean", scores.mean().round(3))

model.fit(plots[features], plots["yield_t_ha"])
print("explained variance:", model.named_steps["pca"].explained_variance_ratio_.round(3))
