# expect: NONE
import numpy as np
import pandas as pd
from sklearn.svm import SVR
from sklearn.metrics import mean_squared_error

cols = ["cement", "slag", "fly_ash", "water", "superplasticizer", "coarse_agg", "fine_agg", "age_days"]

lab = pd.read_csv("mixes_lab.csv")
holdout = pd.read_csv("mixes_site.csv")

mu, sigma = lab[cols].mean(), lab[cols].std()
lab_z = (lab[cols] - mu) / sigma
holdout_z = (holdout[cols] - mu) / sigma

svr = SVR(C=30.0, epsilon=0.5, gamma="scale")
svr.fit(lab_z, lab["strength_mpa"])
rmse = np.sqrt(mean_squared_error(holdout["strength_mpa"], svr.predict(holdout_z)))
print(f"site RMSE: {rmse:.2f} MPa")
