# expect: NONE
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import GridSearchCV, train_test_split
from sklearn.metrics import f1_score

df = pd.read_csv("employee_attrition.csv")
y = df.pop("left_company")
X = pd.get_dummies(df.drop(columns=["emp_id"]), drop_first=True, dtype=float)
X_dev, X_test, y_dev, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)

param_grid = {
    "n_estimators": [200, 500],
    "max_depth": [4, 8, 16, None],
    "min_samples_leaf": [1, 3, 5],
}
search = GridSearchCV(RandomForestClassifier(random_state=0), param_grid, cv=5, scoring="f1", n_jobs=-1)
search.fit(X_dev, y_dev)

print("best params:", search.best_params_)
print(f"Test F1: {f1_score(y_test, search.predict(X_test)):.4f}")
