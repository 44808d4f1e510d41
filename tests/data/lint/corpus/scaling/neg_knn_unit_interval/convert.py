# expect: NONE
import pandas as pd
from sklearn.metrics import f1_score
from sklearn.model_selection import GridSearchCV, train_test_split
from sklearn.neighbors import KNeighborsClassifier

sessions = pd.read_csv("data/sessions.csv")
X = sessions[["share_mobile", "share_weekend", "bounce_rate", "repeat_ratio"]]
y = sessions["converted"]

X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, stratify=y, random_state=17)

search = GridSearchCV(KNeighborsClassifier(), {"n_neighbors": [5, 11, 21, 41]}, cv=5, scoring="f1")
search.fit(X_tr, y_tr)
print("k =", search.best_params_["n_neighbors"])
print("test F1:", round(f1_score(y_te, search.predict(X_te)), 3))
