# expect: ENCODING_ERROR@14
"""Recommend a gym membership plan for new sign-ups (k-NN over past members)."""
import pandas as pd
from sklearn.metrics import classification_report
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import LabelEncoder, StandardScaler


def load_members(path):
    df = pd.read_csv(path)
    for col in ["city", "referral_source", "preferred_class"]:
        df[col] = LabelEncoder().fit_transform(df[col])
    return df


def main():
    members = load_members("members.csv")
    X = members[["age", "city", "referral_source", "preferred_class", "visits_per_week"]]
    y = members["plan"]
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, stratify=y, random_state=11)

    knn = make_pipeline(StandardScaler(), KNeighborsClassifier(n_neighbors=15))
    knn.fit(X_tr, y_tr)
    print(classification_report(y_te, knn.predict(X_te)))


if __name__ == "__main__":
    main()
