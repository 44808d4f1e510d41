# expect: NONE
import pandas as pd
import lightgbm as lgb
from sklearn.metrics import mean_absolute_error

from feature_utils import calendar_features, lag_features, time_split

hourly = pd.read_csv("bike_hourly.csv", parse_dates=["datetime"], index_col="datetime").sort_index()
hourly = hourly[["count", "temp", "humidity", "windspeed", "holiday"]]

frame = calendar_features(lag_features(hourly)).dropna()
train, test = time_split(frame, "2012-10-01")

target = "count"
predictors = [c for c in frame.columns if c != target]

# last 30 days of training serve as the early-stopping window
es_start = train.index.max() - pd.Timedelta(days=30)
fit_part, es_part = train[train.index < es_start], train[train.index >= es_start]

reg = lgb.LGBMRegressor(n_estimators=3000, learning_rate=0.03, num_leaves=48,
                        subsample=0.8, subsample_freq=1, colsample_bytree=0.8)
reg.fit(
    fit_part[predictors], fit_part[target],
    eval_set=[(es_part[predictors], es_part[target])],
    callbacks=[lgb.early_stopping(100, verbose=False)],
)

pred = reg.predict(test[predictors], num_iteration=reg.best_iteration_)
print("best iteration:", reg.best_iteration_)
print("test MAE:", mean_absolute_error(test[target], pred))
