# expect: clean (no finding at or above 0.5)
import numpy as np
from sklearn.model_selection import KFold
from sklearn.preprocessing import StandardScaler
from sklearn.neighbors import KNeighborsRegressor
from sklearn.metrics import mean_absolute_error
rng = np.random.default_rng(0)
X = rng.normal(size=(300, 4)); y = X @ np.array([1.0, 2.0, 0.0, -1.0]) + rng.normal(0, 0.1, 300)
scores = []
for i, (tr, te) in enumerate(KFold(5, shuffle=True, random_state=0).split(X)):
    sc = StandardScaler().fit(X[tr])
    m = KNeighborsRegressor(n_neighbors=10).fit(sc.transform(X[tr]), y[tr])
    scores.append(mean_absolute_error(y[te], m.predict(sc.transform(X[te]))))
print(np.mean(scores))
