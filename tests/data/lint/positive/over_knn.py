# expect: OVERFITTING knn-k1
from sklearn.neighbors import KNeighborsClassifier
from sklearn.preprocessing import StandardScaler
m = KNeighborsClassifier(n_neighbors=1)
