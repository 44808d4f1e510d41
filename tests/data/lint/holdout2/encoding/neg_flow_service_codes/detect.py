# expect: NONE
"""Service-aware flow classifier for the perimeter sensor (tree model, ordinal codes)."""
from pathlib import Path

import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import classification_report, roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OrdinalEncoder

ROOT = Path(__file__).parent
NUM = ["duration_s", "src_bytes", "dst_bytes", "n_conn_same_host", "serror_rate", "rerror_rate"]
CAT = ["service", "protocol"]


def build() -> Pipeline:
    enc = OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=-1, encoded_missing_value=-2)
    pre = ColumnTransformer([("cat", enc, CAT), ("num", "passthrough", NUM)])
    clf = HistGradientBoostingClassifier(
        categorical_features=[0, 1], learning_rate=0.05, max_iter=300, max_leaf_nodes=31, random_state=3
    )
    return Pipeline([("pre", pre), ("clf", clf)])


def main() -> None:
    flows = pd.read_csv(ROOT / "data" / "flows.csv")
    train, test = train_test_split(flows, test_size=0.3, stratify=flows["is_attack"], random_state=3)
    model = build().fit(train[CAT + NUM], train["is_attack"])
    proba = model.predict_proba(test[CAT + NUM])[:, 1]
    print(classification_report(test["is_attack"], proba > 0.5, digits=3))
    print("ROC-AUC:", round(roc_auc_score(test["is_attack"], proba), 4))


if __name__ == "__main__":
    main()
