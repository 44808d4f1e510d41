# expect: DATA_LEAKAGE@20
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import GridSearchCV

df = pd.read_csv("employee_attrition.csv")
y = df.pop("left_company")
X = pd.get_dummies(df.drop(columns=["emp_id"]), drop_first=True, dtype=float)

param_grid = {
    "n_estimators": [200, 500],
    "max_depth": [4, 8, 16, None],
    "min_samples_leaf": [1, 3, 5],
    "max_features": ["sqrt", 0.5],
}
search = GridSearchCV(RandomForestClassifier(random_state=0), param_grid, cv=5, scoring="f1", n_jobs=-1)
search.fit(X, y)

print("best params:", search.best_params_)
print(f"Final model F1: {search.best_score_:.4f}")
