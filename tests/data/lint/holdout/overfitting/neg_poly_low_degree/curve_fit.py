# expect: NONE
from pathlib import Path

import numpy as np
import pandas as pd
import matplotlib.pyplot as plt
from sklearn.linear_model import Ridge
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import PolynomialFeatures, StandardScaler
from sklearn.model_selection import KFold, cross_val_score

pts = pd.read_csv(Path(__file__).with_name("measurements.csv")).sort_values("x")
x = pts[["x"]].to_numpy()
y = pts["y"].to_numpy()
print(f"{len(pts)} calibration points")

cv = KFold(n_splits=5, shuffle=True, random_state=0)
cv_rmse = {}
for degree in range(1, 7):
    pipe = make_pipeline(PolynomialFeatures(degree, include_bias=False), StandardScaler(), Ridge(alpha=1e-2))
    cv_rmse[degree] = -cross_val_score(pipe, x, y, cv=cv, scoring="neg_root_mean_squared_error").mean()
    print(f"degree {degree}: CV RMSE {cv_rmse[degree]:.4f}")

best_degree = min(cv_rmse, key=cv_rmse.get)
calib = make_pipeline(PolynomialFeatures(best_degree, include_bias=False), StandardScaler(), Ridge(alpha=1e-2))
calib.fit(x, y)
print("chosen degree:", best_degree)

grid = np.linspace(x.min(), x.max(), 400).reshape(-1, 1)
plt.scatter(x, y, s=12, label="measured")
plt.plot(grid, calib.predict(grid), color="C1", label=f"degree {best_degree}")
plt.legend()
plt.savefig("calibration_curve.png", dpi=120)
