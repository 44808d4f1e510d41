# expect: DATA_LEAKAGE@23
"""End-of-line QA: predict a failed pressure-decay test from in-process sensor summaries."""
import pandas as pd
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.impute import SimpleImputer
from sklearn.metrics import average_precision_score, roc_auc_score
from sklearn.model_selection import train_test_split

CFG = {
    "path": "data/line_sensors.csv",
    "features": ["spindle_temp_c", "vibration_rms", "torque_nm", "coolant_flow_lpm", "cycle_time_s", "ambient_rh"],
    "target": "failed_pressure_test",
    "test_size": 0.25,
    "seed": 17,
}


def main(cfg: dict = CFG) -> None:
    df = pd.read_csv(cfg["path"])
    print(df[cfg["features"]].isna().mean().round(3).to_string())

    imputer = SimpleImputer(strategy="median", add_indicator=True)
    X = imputer.fit_transform(df[cfg["features"]])
    y = df[cfg["target"]].to_numpy()

    X_tr, X_te, y_tr, y_te = train_test_split(
        X, y, test_size=cfg["test_size"], stratify=y, random_state=cfg["seed"]
    )
    gb = GradientBoostingClassifier(n_estimators=250, max_depth=3, learning_rate=0.05, random_state=cfg["seed"])
    gb.fit(X_tr, y_tr)
    p = gb.predict_proba(X_te)[:, 1]
    print(f"ROC-AUC {roc_auc_score(y_te, p):.3f}   PR-AUC {average_precision_score(y_te, p):.3f}")


if __name__ == "__main__":
    main()
