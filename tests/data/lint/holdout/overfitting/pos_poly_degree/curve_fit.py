# expect: OVERFITTING@18
from pathlib import Path

import numpy as np
import pandas as pd
import matplotlib.pyplot as plt
from sklearn.linear_model import LinearRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import PolynomialFeatures
from sklearn.metrics import mean_squared_error

pts = pd.read_csv(Path(__file__).with_name("measurements.csv")).sort_values("x")
x = pts[["x"]].to_numpy()
y = pts["y"].to_numpy()
print(f"{len(pts)} calibration points")

calib = make_pipeline(
    PolynomialFeatures(degree=18, include_bias=False),
    LinearRegression(),
)
calib.fit(x, y)

resid = y - calib.predict(x)
print("fit RMSE:", round(mean_squared_error(y, calib.predict(x)) ** 0.5, 5))
print("max |residual|:", round(np.abs(resid).max(), 5))

grid = np.linspace(x.min(), x.max(), 400).reshape(-1, 1)
plt.scatter(x, y, s=12, label="measured")
plt.plot(grid, calib.predict(grid), color="C1", label="calibration curve")
plt.legend()
plt.savefig("calibration_curve.png", dpi=120)

np.save("calibration_coefs.npy", calib[-1].coef_)
