# expect: NONE
import lightgbm as lgb
import pandas as pd
from sklearn.metrics import mean_absolute_error
from sklearn.model_selection import train_test_split

turbines = pd.read_csv("gas_turbine_2015.csv")
X = turbines[["AT", "AP", "AH", "AFDP", "GTEP", "TIT", "TAT", "CDP"]]
y = turbines["NOX"]
X_dev, X_test, y_dev, y_test = train_test_split(X, y, test_size=0.2, random_state=3)
X_fit, X_val, y_fit, y_val = train_test_split(X_dev, y_dev, test_size=0.2, random_state=3)

model = lgb.LGBMRegressor(n_estimators=5000, learning_rate=0.02, num_leaves=7, max_depth=3,
                          min_child_samples=30, verbose=-1)
model.fit(X_fit, y_fit, eval_set=[(X_val, y_val)], callbacks=[lgb.early_stopping(100, verbose=False)])
print("rounds:", model.best_iteration_)
print("test MAE:", mean_absolute_error(y_test, model.predict(X_test)))
