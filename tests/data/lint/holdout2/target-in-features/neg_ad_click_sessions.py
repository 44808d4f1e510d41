# expect: NONE
"""Sponsored-listing click model (ids kept only for joins, never as inputs)."""
import pandas as pd
from sklearn.compose import make_column_transformer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss, roc_auc_score
from sklearn.model_selection import GroupShuffleSplit
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

ID_COLS = ["impression_ref", "session_id", "user_id"]
CATS = ["device", "placement", "country"]
NUMS = ["position", "hour", "query_len", "price_rank", "user_ctr_prev_30d"]


def main(path: str = "sessions_2024_05.parquet") -> None:
    df = pd.read_parquet(path)
    df["is_top3"] = (df["position"] <= 3).astype(int)
    nums = NUMS + ["is_top3"]

    gss = GroupShuffleSplit(n_splits=1, test_size=0.2, random_state=0)
    tr, te = next(gss.split(df, groups=df["user_id"]))
    train, test = df.iloc[tr], df.iloc[te]

    pre = make_column_transformer(
        (OneHotEncoder(handle_unknown="ignore", min_frequency=20), CATS),
        (StandardScaler(), nums),
    )
    model = make_pipeline(pre, LogisticRegression(C=1.0, max_iter=2000))
    model.fit(train[CATS + nums], train["clicked"])
    p = model.predict_proba(test[CATS + nums])[:, 1]
    print(f"AUC {roc_auc_score(test['clicked'], p):.3f}  logloss {log_loss(test['clicked'], p):.4f}")
    print("inputs:", CATS + nums, "| excluded:", ID_COLS)


if __name__ == "__main__":
    main()
