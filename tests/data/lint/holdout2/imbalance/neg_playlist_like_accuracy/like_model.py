# expect: NONE
"""Will the listener save (like) a recommended track? Weekly recommendation panel."""
from pathlib import Path

import pandas as pd
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.metrics import accuracy_score
from sklearn.model_selection import GroupShuffleSplit

DATA = Path(__file__).parent / "data" / "listens.csv"
FEATURES = ["tempo", "energy", "danceability", "acousticness", "genre_match", "artist_familiarity", "listener_tenure_months"]


def main() -> None:
    df = pd.read_csv(DATA)
    print("label balance:", df["liked"].value_counts(normalize=True).round(3).to_dict())

    gss = GroupShuffleSplit(n_splits=1, test_size=0.25, random_state=7)
    tr, te = next(gss.split(df, groups=df["listener_id"]))
    train, test = df.iloc[tr], df.iloc[te]

    gb = GradientBoostingClassifier(n_estimators=200, max_depth=3, learning_rate=0.05, random_state=7)
    gb.fit(train[FEATURES], train["liked"])
    acc = accuracy_score(test["liked"], gb.predict(test[FEATURES]))
    print(f"accuracy {acc:.3f} (majority baseline {max(test['liked'].mean(), 1 - test['liked'].mean()):.3f})")


if __name__ == "__main__":
    main()
