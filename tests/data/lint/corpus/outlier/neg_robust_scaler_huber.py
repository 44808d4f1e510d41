# expect: NONE
import pandas as pd
from sklearn.linear_model import HuberRegressor
from sklearn.metrics import median_absolute_error
from sklearn.model_selection import KFold, cross_val_predict
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import RobustScaler

boreholes = pd.read_csv("borehole_surveys.csv")
X = boreholes[["clay_fraction", "water_table_m", "load_kpa", "spt_blows", "depth_m"]]
y = boreholes["settlement_mm"]

model = make_pipeline(RobustScaler(quantile_range=(10, 90)), HuberRegressor(epsilon=1.35, alpha=1e-3))
pred = cross_val_predict(model, X, y, cv=KFold(n_splits=5, shuffle=True, random_state=4))
print("median abs error (mm):", round(median_absolute_error(y, pred), 2))
