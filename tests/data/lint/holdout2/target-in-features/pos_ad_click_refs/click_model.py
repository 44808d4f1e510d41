# expect: DATA_LEAKAGE@18
"""Sponsored-listing click model built from the joined impression export."""
from pathlib import Path

import pandas as pd
from sklearn.compose import make_column_transformer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss, roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

SRC = Path(__file__).parent / "data" / "sessions.csv"


def load() -> pd.DataFrame:
    df = pd.read_csv(SRC)
    df["ref_source"] = df["impression_ref"].str.split("-").str[0]
    df["is_top3"] = (df["position"] <= 3).astype(int)
    return df


def main() -> None:
    df = load()
    cats = ["device", "placement", "ref_source"]
    nums = ["position", "is_top3", "hour", "query_len", "price_rank"]
    train, test = train_test_split(df, test_size=0.2, stratify=df["clicked"], random_state=0)

    pre = make_column_transformer(
        (OneHotEncoder(handle_unknown="ignore"), cats),
        (StandardScaler(), nums),
    )
    model = make_pipeline(pre, LogisticRegression(C=1.0, max_iter=2000))
    model.fit(train[cats + nums], train["clicked"])
    p = model.predict_proba(test[cats + nums])[:, 1]
    print(f"CTR {df['clicked'].mean():.2%}  AUC {roc_auc_score(test['clicked'], p):.3f}  logloss {log_loss(test['clicked'], p):.4f}")


if __name__ == "__main__":
    main()
