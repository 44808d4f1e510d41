"""diabetes-admission-risk: several visits per patient split at row level (group leakage)."""

from pathlib import Path

import numpy as np
import pandas as pd

ERROR_TYPE = "DATA_LEAKAGE"
DIFFICULTY = "medium"
ENTRYPOINT = "python src/train.py"
METRIC_LINE = r"(?m)^\s*test_roc_auc\s*:"

BUG_LOCATIONS = [
    {"file": "src/train.py", "lines": [52, 54], "function": "main"},
    {"file": "src/train.py", "lines": [56, 57], "function": "main"},
]
ANCHORS = [
    ("src/train.py", 52, "X_train, X_test, y_train, y_test = train_test_split("),
    ("src/train.py", 54, ")"),
    ("src/train.py", 56, "folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=args.seed)"),
    ("src/train.py", 57, "cv_auc = cross_val_score("),
]
LOCATION_CHECKS = [
    {"contains": "overlaps lines 52–54", "file": "src/train.py", "lines": [52, 54]},
    {"contains": "gives `function` as `main`", "file": "src/train.py", "lines": [52, 54], "function": "main"},
    {"contains": "overlaps lines 56–57", "file": "src/train.py", "lines": [56, 57]},
]

PROVENANCE = {
    "source": "generated",
    "license": "CC0-1.0",
    "generator": "tasks/sources/diabetes-admission-risk/task.py make_data: numpy.random.default_rng(31); "
                 "230 patients x 3-9 visits (1359 rows); a latent per-patient frailty drives the admission "
                 "label and shifts blood pressure, HbA1c, eGFR and medication count; stable per-patient "
                 "age/sex/BMI/labs with small visit-to-visit noise",
}

REFERENCE = {
    "how": "measure.py: k-NN (k=15) as in src/train.py; leaky = row-level train_test_split + StratifiedKFold; "
           "fixed = GroupShuffleSplit + StratifiedGroupKFold by patient_id; split seeds 0-11",
    "leaky": {"cv_roc_auc": {"mean": 0.842, "range": [0.826, 0.848], "seed2": 0.837},
              "test_roc_auc": {"mean": 0.848, "range": [0.825, 0.884], "seed2": 0.884}},
    "fixed": {"cv_roc_auc": {"mean": 0.747, "range": [0.717, 0.761], "seed2": 0.761},
              "test_roc_auc": {"mean": 0.774, "range": [0.712, 0.863], "seed2": 0.774}},
    "half_fix_grouped_test_row_cv": {"cv_roc_auc": {"mean": 0.855, "seed2": 0.863}},
    "random_per_patient_labels_seed2": {"leaky_test_roc_auc": [0.911, 0.923, 0.923, 0.917, 0.904],
                                        "leaky_cv_roc_auc": [0.858, 0.885, 0.869, 0.9, 0.874],
                                        "fixed_test_roc_auc": [0.528, 0.562, 0.504, 0.491, 0.548],
                                        "fixed_cv_roc_auc": [0.491, 0.541, 0.388, 0.523, 0.478]},
}

VERIFY_EXPECTED = {
    "script": "response/revised_code.py",
    "run_timeout": 120,
    "bands": {"cv_roc_auc": [0.68, 0.80], "test_roc_auc": [0.66, 0.87]},
    "null": {"data_file": "data/visits.csv", "label": "admitted_90d", "group": "patient_id", "seeds": [1, 2, 3],
             "ceilings": {"cv_roc_auc": 0.65, "test_roc_auc": 0.68}},
}

_SPLIT = """    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=0.2, stratify=y, random_state=args.seed
    )
"""
_GROUP_SPLIT = """    from sklearn.model_selection import GroupShuffleSplit
    groups = visits["patient_id"].to_numpy()
    tr, te = next(GroupShuffleSplit(n_splits=1, test_size=0.2, random_state=args.seed).split(X, y, groups))
    X_train, X_test, y_train, y_test = X[tr], X[te], y[tr], y[te]
"""
_CV = """    cv_auc = cross_val_score(make_classifier(args.neighbors), X_train, y_train, cv=folds, scoring="roc_auc")"""
_GROUP_CV = """    from sklearn.model_selection import GroupKFold
    cv_auc = cross_val_score(make_classifier(args.neighbors), X_train, y_train, cv=GroupKFold(n_splits=5),
                             groups=visits["patient_id"].to_numpy()[tr_rows], scoring="roc_auc")"""


def _grouped_test_row_level_cv(files):
    return files["src/train.py"].replace(_SPLIT, _GROUP_SPLIT)


def _grouped_cv_row_level_test(files):
    src = files["src/train.py"].replace(_SPLIT, _SPLIT.replace("X, y, test_size", "X, y, np.arange(len(y)), test_size")
                                        .replace("y_train, y_test =", "y_train, y_test, tr_rows, _ ="))
    return src.replace(_CV, _GROUP_CV)


def _drop_identifying_columns(files):
    src = files["src/train.py"]
    return src.replace('FEATURES = ["age", "is_male", "bmi",', 'FEATURES = [')


BAD_VARIANTS = {
    "grouped_test_split_but_row_level_cv": _grouped_test_row_level_cv,
    "grouped_cv_but_row_level_test_split": _grouped_cv_row_level_test,
    "drop_age_sex_bmi_keep_row_split": _drop_identifying_columns,
}


def make_data(files_dir):
    rng = np.random.default_rng(31)
    n_pat = 230
    rows = []
    for p in range(n_pat):
        frailty = rng.normal()
        age = int(np.clip(rng.normal(63, 11), 30, 92))
        sex = rng.choice(["F", "M"])
        bmi0 = rng.normal(31, 5)
        sbp0 = rng.normal(138, 14) + 4 * frailty
        hba1c0 = rng.normal(7.8, 1.1) + 0.3 * frailty
        egfr0 = np.clip(rng.normal(72, 18) - 6 * frailty, 12, 120)
        ldl0 = rng.normal(2.9, 0.7)
        meds0 = int(np.clip(rng.poisson(5 + max(frailty, 0)), 1, 15))
        start = pd.Timestamp("2021-01-04") + pd.Timedelta(days=int(rng.integers(0, 300)))
        n_vis = int(rng.integers(3, 10))
        day = 0
        for v in range(n_vis):
            hba1c = hba1c0 + rng.normal(0, 0.35)
            sbp = sbp0 + rng.normal(0, 6)
            egfr = egfr0 + rng.normal(0, 4) - 0.8 * v
            bmi = bmi0 + rng.normal(0, 0.6)
            ldl = ldl0 + rng.normal(0, 0.25)
            meds = max(1, meds0 + int(rng.integers(-1, 2)))
            prior = int(rng.poisson(0.3 + 0.5 * max(frailty + 0.5, 0)))
            logit = (-1.7 + 2.0 * frailty + 0.35 * (hba1c - 7.8) + 0.02 * (age - 63)
                     - 0.012 * (egfr - 72) + 0.25 * prior)
            y = int(rng.random() < 1 / (1 + np.exp(-logit)))
            rows.append({
                "patient_id": f"P{1000 + p}", "visit_date": (start + pd.Timedelta(days=day)).date().isoformat(),
                "age": age + day // 365, "sex": sex, "bmi": round(bmi, 1), "systolic_bp": int(round(sbp)),
                "hba1c": round(hba1c, 1), "egfr": int(round(egfr)), "ldl": round(ldl, 2),
                "n_medications": meds, "admissions_prior_12m": prior, "admitted_90d": y})
            day += int(rng.integers(80, 200))
    df = pd.DataFrame(rows).sort_values(["visit_date", "patient_id"]).reset_index(drop=True)
    Path(files_dir, "data").mkdir(parents=True, exist_ok=True)
    df.to_csv(Path(files_dir, "data", "visits.csv"), index=False)
    return df


if __name__ == "__main__":
    df = make_data("files")
    print(df.shape, df.admitted_90d.mean(), df.groupby("patient_id").admitted_90d.mean().describe())
