# expect: NONE
"""Load the mid-term course feedback survey and build text features."""
import re
from pathlib import Path

import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

DATA = Path(__file__).parent / "data" / "course_feedback.csv"
NUMERIC = ["weeks_active", "quiz_avg"]
SCALE = [15.0, 100.0]


def clean(text: str) -> str:
    text = re.sub(r"https?://\S+", " ", str(text).lower())
    text = re.sub(r"[^a-z' ]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def load_frame() -> pd.DataFrame:
    df = pd.read_csv(DATA).dropna(subset=["comment"])
    df["comment"] = df["comment"].map(clean)
    return df


class FeedbackFeatures:
    def __init__(self, max_features: int = 3000):
        self.vec = TfidfVectorizer(ngram_range=(1, 2), min_df=2, max_features=max_features, sublinear_tf=True)

    def fit_transform(self, df: pd.DataFrame):
        return self._stack(self.vec.fit_transform(df["comment"]), df)

    def transform(self, df: pd.DataFrame):
        return self._stack(self.vec.transform(df["comment"]), df)

    @staticmethod
    def _stack(text_matrix, df):
        extra = sparse.csr_matrix(df[NUMERIC].to_numpy() / SCALE)
        return sparse.hstack([text_matrix, extra]).tocsr()
