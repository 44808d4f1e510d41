# expect: NONE
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.impute import SimpleImputer
from sklearn.model_selection import GridSearchCV, train_test_split
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import OneHotEncoder

titanic = pd.read_csv("titanic.csv")
y = titanic.pop("Survived")
num, cat = ["Age", "Fare", "SibSp", "Parch"], ["Sex", "Embarked", "Pclass"]

pre = ColumnTransformer([
    ("num", SimpleImputer(strategy="median"), num),
    ("cat", make_pipeline(SimpleImputer(strategy="most_frequent"),
                          OneHotEncoder(handle_unknown="ignore")), cat),
])
model = Pipeline([("pre", pre), ("gb", GradientBoostingClassifier(random_state=0))])
X_tr, X_te, y_tr, y_te = train_test_split(titanic[num + cat], y, test_size=0.2, stratify=y, random_state=0)
grid = GridSearchCV(model, {"gb__max_depth": [2, 3], "gb__n_estimators": [100, 300]}, cv=5)
grid.fit(X_tr, y_tr)
print("CV:", round(grid.best_score_, 3), "test:", round(grid.score(X_te, y_te), 3))
