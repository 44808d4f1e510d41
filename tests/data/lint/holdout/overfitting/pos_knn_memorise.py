# expect: OVERFITTING@15-17
import pandas as pd
from sklearn.neighbors import KNeighborsClassifier
from sklearn.preprocessing import StandardScaler
from sklearn.metrics import classification_report

seeds = pd.read_csv("seeds_dataset.txt", sep=r"\s+", header=None,
                    names=["area", "perimeter", "compactness", "kernel_length",
                           "kernel_width", "asymmetry", "groove_length", "variety"])
print(seeds["variety"].value_counts())

X = StandardScaler().fit_transform(seeds.drop(columns="variety"))
y = seeds["variety"]

nn1 = KNeighborsClassifier(n_neighbors=1)
nn1.fit(X, y)
acc = nn1.score(X, y)
print(f"1-NN accuracy: {acc:.3f}")
print(classification_report(y, nn1.predict(X)))

summary = pd.DataFrame({"model": ["1-NN"], "accuracy": [acc], "n": [len(y)]})
summary.to_csv("seed_classifier_results.csv", index=False)
print(summary)
