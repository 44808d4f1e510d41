# expect: OVERFITTING@16
import numpy as np
import pandas as pd
from sklearn.linear_model import LinearRegression
from sklearn.metrics import mean_squared_error
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import PolynomialFeatures, StandardScaler

trial = pd.read_csv("data/trial.csv")
X = trial[["dose_mg"]].to_numpy()
y = trial["response"].to_numpy()

X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.3, random_state=1)

curve = make_pipeline(StandardScaler(), PolynomialFeatures(degree=12), LinearRegression())
curve.fit(X_tr, y_tr)

grid = np.linspace(X.min(), X.max(), 200).reshape(-1, 1)
print("held-out RMSE:", np.sqrt(mean_squared_error(y_te, curve.predict(X_te))))
print("predicted response range:", curve.predict(grid).min(), curve.predict(grid).max())
