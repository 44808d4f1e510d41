# expect: NONE
import pandas as pd
from sklearn.metrics import classification_report
from sklearn.model_selection import GridSearchCV, train_test_split
from sklearn.tree import DecisionTreeClassifier

soils = pd.read_csv("land_survey.csv")
bands = ["b2", "b3", "b4", "b8", "b11", "b12", "ndvi", "ndwi", "slope", "elevation"]
X_tr, X_te, y_tr, y_te = train_test_split(soils[bands], soils["land_cover"], test_size=0.25,
                                          stratify=soils["land_cover"], random_state=0)

search = GridSearchCV(DecisionTreeClassifier(random_state=0),
                      {"max_depth": [1, 2, 4, 6, 8, 12], "min_samples_leaf": [1, 5, 20]},
                      cv=5, scoring="f1_macro")
search.fit(X_tr, y_tr)
print("best:", search.best_params_, "CV macro F1:", round(search.best_score_, 3))
print(classification_report(y_te, search.predict(X_te)))
