# expect: DATA_LEAKAGE@24
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.metrics import roc_auc_score

CATS = ["occupation", "state", "channel"]


def encode_categories(frame: pd.DataFrame, target: str) -> pd.DataFrame:
    out = frame.copy()
    for col in CATS:
        rates = out.groupby(col)[target].mean()
        out[col + "_enc"] = out[col].map(rates)
    return out.drop(columns=CATS)


def load() -> pd.DataFrame:
    df = pd.read_csv("insurance_quotes.csv")
    df["premium_per_driver"] = df["premium"] / df["n_drivers"]
    return df


quotes = encode_categories(load(), "bought")
features = [c for c in quotes.columns if c not in ("quote_id", "bought")]
q_tr, q_te = train_test_split(quotes, test_size=0.25, stratify=quotes["bought"], random_state=0)
lr = LogisticRegression(max_iter=2000).fit(q_tr[features], q_tr["bought"])
print("AUC:", roc_auc_score(q_te["bought"], lr.predict_proba(q_te[features])[:, 1]))
