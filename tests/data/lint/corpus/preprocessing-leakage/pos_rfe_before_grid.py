# expect: DATA_LEAKAGE@12
import pandas as pd
from sklearn.feature_selection import RFE
from sklearn.model_selection import GridSearchCV, train_test_split
from sklearn.svm import SVR
from sklearn.linear_model import LinearRegression

qsar = pd.read_csv("qsar_descriptors.csv")
y = qsar.pop("log_solubility")

rfe = RFE(LinearRegression(), n_features_to_select=25, step=5)
reduced = rfe.fit_transform(qsar, y)

r_tr, r_te, y_tr, y_te = train_test_split(reduced, y, test_size=0.2, random_state=2)
grid = GridSearchCV(SVR(), {"C": [1, 10, 100], "epsilon": [0.05, 0.1, 0.2]}, cv=5)
grid.fit(r_tr, y_tr)
print("best params:", grid.best_params_)
print("test R2:", grid.score(r_te, y_te))
