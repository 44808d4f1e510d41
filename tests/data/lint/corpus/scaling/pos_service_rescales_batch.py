# expect: SCALING_ERROR@22
"""Nightly scoring job for the credit-line increase model."""
import joblib
import pandas as pd
from sklearn.preprocessing import StandardScaler

FEATURES = ["utilisation", "months_on_book", "payment_ratio", "income_k", "n_inquiries"]


def train(path="accounts_2022.csv"):
    from sklearn.svm import SVC

    df = pd.read_csv(path)
    scaler = StandardScaler().fit(df[FEATURES])
    model = SVC(C=2.0, probability=True).fit(scaler.transform(df[FEATURES]), df["accepted_increase"])
    joblib.dump(model, "cli_svc.joblib")
    return model


def score_nightly(batch: pd.DataFrame) -> pd.Series:
    model = joblib.load("cli_svc.joblib")
    X = StandardScaler().fit_transform(batch[FEATURES])
    return pd.Series(model.predict_proba(X)[:, 1], index=batch.index, name="p_accept")


if __name__ == "__main__":
    train()
    tonight = pd.read_csv("accounts_tonight.csv")
    tonight["p_accept"] = score_nightly(tonight)
    tonight.to_csv("scored_tonight.csv", index=False)
