# expect: UNDERFITTING@14
import pandas as pd
from sklearn.metrics import accuracy_score
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

pixels = pd.read_csv("reference_pixels.csv")
bands = [c for c in pixels.columns if c.startswith("band_")]
X_tr, X_te, y_tr, y_te = train_test_split(pixels[bands], pixels["cover"], test_size=0.25,
                                          stratify=pixels["cover"], random_state=2)

k = len(X_tr) // 2
knn = make_pipeline(StandardScaler(), KNeighborsClassifier(n_neighbors=k))
knn.fit(X_tr, y_tr)
print(f"k={k} accuracy:", accuracy_score(y_te, knn.predict(X_te)))
