# expect: NONE
"""End-of-line QA: predict a failed pressure-decay test from in-process sensor summaries."""
import pandas as pd
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.impute import SimpleImputer
from sklearn.metrics import average_precision_score, roc_auc_score
from sklearn.model_selection import StratifiedKFold, cross_val_score, train_test_split
from sklearn.pipeline import make_pipeline

CFG = {
    "path": "data/line_sensors.csv",
    "features": ["spindle_temp_c", "vibration_rms", "torque_nm", "coolant_flow_lpm", "cycle_time_s", "ambient_rh"],
    "target": "failed_pressure_test",
    "test_size": 0.25,
    "seed": 17,
}


def build(seed: int):
    return make_pipeline(
        SimpleImputer(strategy="median", add_indicator=True),
        GradientBoostingClassifier(n_estimators=250, max_depth=3, learning_rate=0.05, random_state=seed),
    )


def main(cfg: dict = CFG) -> None:
    df = pd.read_csv(cfg["path"])
    X, y = df[cfg["features"]], df[cfg["target"]]
    X_tr, X_te, y_tr, y_te = train_test_split(
        X, y, test_size=cfg["test_size"], stratify=y, random_state=cfg["seed"]
    )
    model = build(cfg["seed"])
    cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=cfg["seed"])
    print("CV PR-AUC:", cross_val_score(model, X_tr, y_tr, cv=cv, scoring="average_precision").round(3))

    model.fit(X_tr, y_tr)
    p = model.predict_proba(X_te)[:, 1]
    print(f"test ROC-AUC {roc_auc_score(y_te, p):.3f}   PR-AUC {average_precision_score(y_te, p):.3f}")


if __name__ == "__main__":
    main()
