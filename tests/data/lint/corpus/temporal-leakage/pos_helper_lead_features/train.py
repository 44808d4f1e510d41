import pandas as pd
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.metrics import mean_absolute_error

from features import add_window_features, calendar

visits = pd.read_csv("er_visits.csv", parse_dates=["day"], index_col="day").sort_index()
visits = calendar(add_window_features(visits, "arrivals")).dropna()

feature_names = [c for c in visits.columns if c != "arrivals"]
n = len(visits)
fit_idx = visits.index[: int(n * 0.85)]
chk_idx = visits.index[int(n * 0.85):]

gbr = GradientBoostingRegressor(n_estimators=250, max_depth=3, learning_rate=0.05)
gbr.fit(visits.loc[fit_idx, feature_names], visits.loc[fit_idx, "arrivals"])
print("MAE:", mean_absolute_error(visits.loc[chk_idx, "arrivals"],
                                  gbr.predict(visits.loc[chk_idx, feature_names])))
