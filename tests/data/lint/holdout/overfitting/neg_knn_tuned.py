# expect: NONE
import pandas as pd
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.model_selection import GridSearchCV, StratifiedKFold, train_test_split
from sklearn.metrics import classification_report

seeds = pd.read_csv("seeds_dataset.txt", sep=r"\s+", header=None,
                    names=["area", "perimeter", "compactness", "kernel_length",
                           "kernel_width", "asymmetry", "groove_length", "variety"])
print(seeds["variety"].value_counts())

X = seeds.drop(columns="variety")
y = seeds["variety"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, stratify=y, random_state=0)

pipe = make_pipeline(StandardScaler(), KNeighborsClassifier())
search = GridSearchCV(pipe, {"kneighborsclassifier__n_neighbors": list(range(3, 31, 2))},
                      cv=StratifiedKFold(5, shuffle=True, random_state=0), scoring="accuracy")
search.fit(X_train, y_train)

acc = search.score(X_test, y_test)
print("best k:", search.best_params_["kneighborsclassifier__n_neighbors"])
print(f"held-out accuracy: {acc:.3f}")
print(classification_report(y_test, search.predict(X_test)))

summary = pd.DataFrame({"model": ["kNN"], "accuracy": [acc], "n_test": [len(y_test)]})
summary.to_csv("seed_classifier_results.csv", index=False)
