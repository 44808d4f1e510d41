# expect: DATA_LEAKAGE@17
import pandas as pd
from sklearn.linear_model import LinearRegression
from sklearn.model_selection import train_test_split
from sklearn.metrics import mean_squared_error

ads = pd.read_csv("ad_spend_weekly.csv")
target = "conversions"
pool = [c for c in ads.columns if c not in (target, "week")]
tr, te = train_test_split(ads, test_size=0.25, random_state=0)

chosen, best_rmse = [], float("inf")
while pool:
    trial = {}
    for c in pool:
        m = LinearRegression().fit(tr[chosen + [c]], tr[target])
        trial[c] = mean_squared_error(te[target], m.predict(te[chosen + [c]])) ** 0.5
    c_best = min(trial, key=trial.get)
    if trial[c_best] >= best_rmse:
        break
    chosen.append(c_best)
    pool.remove(c_best)
    best_rmse = trial[c_best]
print("features:", chosen)
print("test RMSE:", round(best_rmse, 2))
