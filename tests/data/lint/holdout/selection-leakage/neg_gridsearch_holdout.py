# expect: NONE
import json

import pandas as pd
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.model_selection import GridSearchCV, KFold, train_test_split
from sklearn.metrics import mean_absolute_error

df = pd.read_csv("bike_daily.csv")
df = pd.get_dummies(df, columns=["season", "weathersit"], drop_first=True)
y = df.pop("cnt")
X = df.drop(columns=["instant", "dteday", "casual", "registered"])

X_dev, X_test, y_dev, y_test = train_test_split(X, y, test_size=0.2, random_state=0)

grid = {
    "n_estimators": [200, 400, 800],
    "max_depth": [2, 3, 4, 5],
    "learning_rate": [0.01, 0.05, 0.1],
}
search = GridSearchCV(
    GradientBoostingRegressor(random_state=0),
    grid,
    scoring="neg_mean_absolute_error",
    cv=KFold(5, shuffle=True, random_state=0),
    n_jobs=-1,
)
search.fit(X_dev, y_dev)

report = {
    "model": "GradientBoostingRegressor",
    "params": search.best_params_,
    "cv_mae": -search.best_score_,
    "test_mae": mean_absolute_error(y_test, search.predict(X_test)),
    "n_test": int(len(X_test)),
}
with open("results/final_metrics.json", "w") as f:
    json.dump(report, f, indent=2)
print(json.dumps(report, indent=2))
