# expect: ENCODING_ERROR@22
"""Service-aware flow classifier for the perimeter sensor."""
from pathlib import Path

import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import classification_report, roc_auc_score
from sklearn.model_selection import train_test_split

ROOT = Path(__file__).parent
NUM = ["duration_s", "src_bytes", "dst_bytes", "n_conn_same_host", "serror_rate", "rerror_rate"]


def main() -> None:
    flows = pd.read_csv(ROOT / "data" / "flows.csv")
    train, test = train_test_split(flows, test_size=0.3, stratify=flows["is_attack"], random_state=3)
    train, test = train.copy(), test.copy()

    codes = {s: i for i, s in enumerate(train["service"].value_counts().index)}
    proto = {p: i for i, p in enumerate(sorted(train["protocol"].unique()))}
    train["service_code"] = train["service"].map(codes)
    test["service_code"] = test["service"].map(codes).fillna(0).astype(int)
    train["proto_code"] = train["protocol"].map(proto)
    test["proto_code"] = test["protocol"].map(proto)

    cols = NUM + ["service_code", "proto_code"]
    rf = RandomForestClassifier(n_estimators=300, max_depth=12, min_samples_leaf=2, random_state=3, n_jobs=-1)
    rf.fit(train[cols], train["is_attack"])
    proba = rf.predict_proba(test[cols])[:, 1]
    print(classification_report(test["is_attack"], proba > 0.5, digits=3))
    print("ROC-AUC:", round(roc_auc_score(test["is_attack"], proba), 4))
    unseen = ~test["service"].isin(codes)
    print(f"{unseen.sum()} test flows with services absent from training")


if __name__ == "__main__":
    main()
