"""Fit the etch defect classifier and print held-out metrics."""
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import classification_report, roc_auc_score

from splits import describe, make_partitions

FEATURES = ["chamber_temp_c", "pressure_mtorr", "rf_power_w", "etch_time_s", "gas_flow_sccm", "thickness_nm"]


def run(path: str = "data/wafer_qa.csv") -> dict:
    df = pd.read_csv(path)
    train, test = make_partitions(df)
    describe(train, test)

    clf = RandomForestClassifier(
        n_estimators=400, max_depth=8, min_samples_leaf=4, class_weight="balanced", random_state=0
    )
    clf.fit(train[FEATURES], train["defect"])
    proba = clf.predict_proba(test[FEATURES])[:, 1]
    pred = (proba >= 0.5).astype(int)

    print(classification_report(test["defect"], pred, digits=3))
    return {"roc_auc": roc_auc_score(test["defect"], proba)}


if __name__ == "__main__":
    print(run())
