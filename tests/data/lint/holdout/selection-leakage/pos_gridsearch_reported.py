# expect: DATA_LEAKAGE@31
import json

import pandas as pd
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.model_selection import GridSearchCV, KFold

df = pd.read_csv("bike_daily.csv")
df = pd.get_dummies(df, columns=["season", "weathersit"], drop_first=True)
y = df.pop("cnt")
X = df.drop(columns=["instant", "dteday", "casual", "registered"])

grid = {
    "n_estimators": [200, 400, 800],
    "max_depth": [2, 3, 4, 5],
    "learning_rate": [0.01, 0.05, 0.1],
    "subsample": [0.7, 1.0],
}
search = GridSearchCV(
    GradientBoostingRegressor(random_state=0),
    grid,
    scoring="neg_mean_absolute_error",
    cv=KFold(5, shuffle=True, random_state=0),
    n_jobs=-1,
)
search.fit(X, y)

report = {
    "model": "GradientBoostingRegressor",
    "params": search.best_params_,
    "expected_test_mae": -search.best_score_,
    "n_rows": int(len(X)),
}
with open("results/final_metrics.json", "w") as f:
    json.dump(report, f, indent=2)
print(json.dumps(report, indent=2))
