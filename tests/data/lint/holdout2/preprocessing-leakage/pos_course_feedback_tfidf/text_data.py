# expect: DATA_LEAKAGE@27
"""Load the mid-term course feedback survey and turn comments into features."""
import re
from pathlib import Path
from typing import Tuple

import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

DATA = Path(__file__).parent / "data" / "course_feedback.csv"
_URL = re.compile(r"https?://\S+")
_WS = re.compile(r"\s+")


def clean(text: str) -> str:
    text = _URL.sub(" ", str(text).lower())
    text = re.sub(r"[^a-z' ]", " ", text)
    return _WS.sub(" ", text).strip()


def load_dataset(max_features: int = 3000) -> Tuple[sparse.csr_matrix, pd.Series, TfidfVectorizer]:
    df = pd.read_csv(DATA)
    df = df.dropna(subset=["comment"])
    texts = df["comment"].map(clean)
    vec = TfidfVectorizer(ngram_range=(1, 2), min_df=2, max_features=max_features, sublinear_tf=True)
    X_text = vec.fit_transform(texts)
    extra = sparse.csr_matrix(df[["weeks_active", "quiz_avg"]].to_numpy() / [15.0, 100.0])
    X = sparse.hstack([X_text, extra]).tocsr()
    return X, df["dropped"], vec
