# expect: DATA_LEAKAGE@17
import pandas as pd
from sklearn.neighbors import KNeighborsClassifier
from sklearn.preprocessing import StandardScaler
from sklearn.metrics import accuracy_score

wine = pd.read_csv("wine_quality.csv")
wine["good"] = (wine["quality"] >= 7).astype(int)
X = wine.drop(columns=["quality", "good"])
y = wine["good"]

scaler = StandardScaler()
Xs = pd.DataFrame(scaler.fit_transform(X), columns=X.columns, index=X.index)

holdout_idx = wine.sample(frac=0.25, random_state=8).index
knn = KNeighborsClassifier(n_neighbors=15, weights="distance")
knn.fit(Xs, y)

pred = knn.predict(Xs.loc[holdout_idx])
print("holdout accuracy:", accuracy_score(y.loc[holdout_idx], pred))
