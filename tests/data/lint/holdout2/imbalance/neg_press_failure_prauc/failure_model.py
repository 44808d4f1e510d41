# expect: NONE
"""Stamping-press failure prediction from shift-level machine logs."""
from pathlib import Path

import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import average_precision_score, balanced_accuracy_score, classification_report
from sklearn.model_selection import train_test_split

LOGS = Path(__file__).parent / "data" / "machine_logs.csv"
FEATURES = ["air_temp_k", "process_temp_k", "rpm", "torque_nm", "tool_wear_min", "press_type"]


def load() -> pd.DataFrame:
    df = pd.read_csv(LOGS)
    df["press_type"] = df["press_type"].map({"L": 0, "M": 1, "H": 2})
    df["temp_delta"] = df["process_temp_k"] - df["air_temp_k"]
    df["power_w"] = df["torque_nm"] * df["rpm"] * 2 * 3.14159 / 60
    return df


def main() -> None:
    df = load()
    cols = FEATURES + ["temp_delta", "power_w"]
    print(f"failure rate: {df['failure'].mean():.2%}")
    X_train, X_test, y_train, y_test = train_test_split(
        df[cols], df["failure"], test_size=0.25, stratify=df["failure"], random_state=0
    )
    rf = RandomForestClassifier(
        n_estimators=300, max_depth=10, min_samples_leaf=2, class_weight="balanced_subsample",
        random_state=0, n_jobs=-1,
    )
    rf.fit(X_train, y_train)
    proba = rf.predict_proba(X_test)[:, 1]

    print(f"PR-AUC            : {average_precision_score(y_test, proba):.3f}")
    print(f"balanced accuracy : {balanced_accuracy_score(y_test, proba >= 0.3):.3f}")
    print(classification_report(y_test, proba >= 0.3, digits=3, zero_division=0))


if __name__ == "__main__":
    main()
