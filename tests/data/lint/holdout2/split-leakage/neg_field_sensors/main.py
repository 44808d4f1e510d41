# expect: NONE
from pathlib import Path

import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import balanced_accuracy_score, roc_auc_score

from splitting import split_by_field, summary

DATA = Path(__file__).parent / "data" / "field_readings.csv"
FEATURES = ["ndvi", "soil_moisture_pct", "canopy_temp_c", "leaf_wetness_h", "rh_pct"]


def main():
    df = pd.read_csv(DATA)
    train, test = split_by_field(df)
    print(summary(train, test))

    rf = RandomForestClassifier(
        n_estimators=300, max_depth=6, min_samples_leaf=5, random_state=13, n_jobs=-1
    )
    rf.fit(train[FEATURES], train["blight"])
    proba = rf.predict_proba(test[FEATURES])[:, 1]
    print("ROC-AUC          :", round(roc_auc_score(test["blight"], proba), 3))
    print("balanced accuracy:", round(balanced_accuracy_score(test["blight"], proba > 0.5), 3))


if __name__ == "__main__":
    main()
