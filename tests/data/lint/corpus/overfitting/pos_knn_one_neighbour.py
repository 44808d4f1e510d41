# expect: OVERFITTING@15
import argparse

import pandas as pd
from sklearn.metrics import f1_score
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--data", default="leaf_shapes.csv")
    p.add_argument("--k", type=int, default=1)
    return p.parse_args()


def main():
    args = parse_args()
    leaves = pd.read_csv(args.data)
    X, y = leaves.drop(columns="species"), leaves["species"]
    X_a, X_b, y_a, y_b = train_test_split(X, y, test_size=0.25, stratify=y, random_state=0)
    model = make_pipeline(StandardScaler(), KNeighborsClassifier(n_neighbors=args.k))
    model.fit(X_a, y_a)
    print("macro F1:", f1_score(y_b, model.predict(X_b), average="macro"))


if __name__ == "__main__":
    main()
