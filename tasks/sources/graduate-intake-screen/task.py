"""graduate-intake-screen: nominal categories label-encoded as integers for k-NN (ENCODING_ERROR)."""

from pathlib import Path

import numpy as np
import pandas as pd

ERROR_TYPE = "ENCODING_ERROR"
DIFFICULTY = "medium"
ENTRYPOINT = "python src/screen.py"
METRIC_LINE = r"(?m)^test_roc_auc:\s*[0-9.]+"
BUG_LOCATIONS = [{"file": "src/screen.py", "lines": [36, 39], "function": "encode"}]
ANCHORS = [
    ("src/screen.py", 36, 'for col in cfg["categorical"]:'),
    ("src/screen.py", 37, "enc = LabelEncoder().fit(train[col])"),
    ("src/screen.py", 39, "test[col] = enc.transform(test[col])"),
    ("src/screen.py", 20, '"categorical": ["degree_field", "application_channel", "office"],'),
    ("src/screen.py", 44, "return make_pipeline(StandardScaler(), KNeighborsClassifier("),
]
LOCATION_CHECKS = [
    {"contains": "overlaps lines 36–39", "file": "src/screen.py", "lines": [36, 39], "function": "encode"},
]
PROVENANCE = {
    "source": "synthetic graduate-programme applicants generated for this task (logistic outcome model)",
    "license": "CC0-1.0",
    "generator": "task.py make_data, numpy default_rng(31), 1600 rows",
}
FIELDS = ["accounting", "biology", "computer_science", "economics", "engineering", "history", "mathematics",
          "psychology"]
FIELD_EFF = [1.1, -1.3, 1.5, -0.8, 0.5, -1.5, 1.3, -1.0]
CHANNELS = ["agency", "campus_fair", "job_board", "referral", "website"]
CHANNEL_EFF = [-0.8, 0.3, -0.5, 1.0, -0.2]
OFFICES = ["Dublin", "Leeds", "London", "Manchester"]
OFFICE_EFF = [0.1, -0.1, 0.0, 0.05]


def applicants(seed=31, n=1600):
    rng = np.random.default_rng(seed)
    f = rng.integers(0, len(FIELDS), n)
    c = rng.choice(len(CHANNELS), n, p=[0.15, 0.2, 0.25, 0.15, 0.25])
    o = rng.choice(len(OFFICES), n, p=[0.15, 0.2, 0.45, 0.2])
    gpa = np.round(np.clip(rng.normal(3.2, 0.4, n), 2.0, 4.0), 2)
    apt = np.round(np.clip(rng.normal(65, 12, n), 20, 100)).astype(int)
    itv = np.round(np.clip(rng.normal(3.3, 0.8, n), 1, 5), 1)
    months = rng.choice([0, 6, 12, 18, 24, 36], n, p=[0.4, 0.15, 0.2, 0.1, 0.1, 0.05]).astype(float)
    logit = (-0.3 + np.array(FIELD_EFF)[f] + np.array(CHANNEL_EFF)[c] + np.array(OFFICE_EFF)[o]
             + 0.9 * (gpa - 3.2) / 0.4 + 0.5 * (apt - 65) / 12 + 0.6 * (itv - 3.3) / 0.8 + 0.015 * months)
    y = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(int)
    months[rng.random(n) < 0.03] = np.nan
    return pd.DataFrame({
        "applicant_ref": [f"GT{22000 + i:05d}" for i in range(n)],
        "intake_year": rng.choice([2019, 2020, 2021, 2022, 2023], n),
        "degree_field": np.array(FIELDS)[f], "application_channel": np.array(CHANNELS)[c],
        "office": np.array(OFFICES)[o], "gpa": gpa, "aptitude_score": apt, "interview_score": itv,
        "months_experience": months, "good_review": y,
    })


def make_data(files_dir):
    d = Path(files_dir) / "data"
    d.mkdir(parents=True, exist_ok=True)
    applicants().to_csv(d / "past_intakes.csv", index=False)


def _drop(files):
    src = files["src/screen.py"]
    return src.replace('features = cfg["numeric"] + cfg["categorical"]\n', 'features = cfg["numeric"]\n')


def _one_hot_degree_field_only(files):
    """One-hot for degree_field; application_channel and office stay label-encoded (a half fix)."""
    src = files["src/screen.py"]
    for old, new in [
        ('    for col in cfg["categorical"]:\n', '    for col in ["application_channel", "office"]:\n'),
        ("from sklearn.preprocessing import LabelEncoder, StandardScaler\n",
         "from sklearn.compose import ColumnTransformer\n"
         "from sklearn.preprocessing import LabelEncoder, OneHotEncoder, StandardScaler\n"),
        ('    return make_pipeline(StandardScaler(), KNeighborsClassifier(n_neighbors=cfg["k"], weights="distance"))\n',
         '    features = ColumnTransformer([("cat", OneHotEncoder(handle_unknown="ignore"), ["degree_field"])],\n'
         '                                 remainder=StandardScaler())\n'
         '    return make_pipeline(features, KNeighborsClassifier(n_neighbors=cfg["k"], weights="distance"))\n'),
    ]:
        assert old in src, old
        src = src.replace(old, new)
    return src


BAD_VARIANTS = {
    "drop_categorical_columns": _drop,
    "one_hot_degree_field_only": _one_hot_degree_field_only,
}
VERIFY_EXPECTED = {
    "bands": {"test_roc_auc": [0.75, 0.85], "test_balanced_accuracy": [0.68, 0.79], "cv_roc_auc": [0.73, 0.81]},
    "run_timeout": 120,
    # verify.py relabel_check: categories renamed so that their alphabetical order is scrambled; a full
    # one-hot fix prints the same numbers (measured change 0.000), a label-encoded column does not.
    "relabel": {"data_file": "data/past_intakes.csv", "columns": ["degree_field", "application_channel", "office"],
                "metrics": ["test_roc_auc", "test_balanced_accuracy", "cv_roc_auc", "test_precision_top25"],
                "required": ["test_roc_auc", "test_balanced_accuracy", "cv_roc_auc"], "tolerance": 0.005},
}
# measure.py: 12 data sets (seed 31 = shipped data with split seed 5, then 100-110), mean, sd, min, max, shipped
REFERENCE = {
    "buggy": {"test_roc_auc": (0.663, 0.028, 0.614, 0.707, 0.675), "test_balanced_accuracy": (0.621, 0.016, 0.594, 0.65, 0.624),
              "cv_roc_auc": (0.663, 0.026, 0.625, 0.715, 0.684)},
    "fixed": {"test_roc_auc": (0.782, 0.016, 0.758, 0.806, 0.806), "test_balanced_accuracy": (0.71, 0.021, 0.684, 0.743, 0.743),
              "cv_roc_auc": (0.774, 0.018, 0.745, 0.805, 0.768)},
    # one-hot for degree_field only: as good as the full fix on this data (channel/office codes matter little),
    # so the bands alone pass it; the relabelling check rejects it (shipped data, categories renamed in a
    # scrambled order: test_roc_auc 0.763 -> 0.784, test_precision_top25 0.72 -> 0.80; full fix: no change).
    "half_fix_degree_field_only": {"test_roc_auc": (0.785, 0.022, 0.742, 0.823, 0.779)},
    "drop_categorical_columns": {"test_roc_auc": (0.665, 0.03, 0.617, 0.71, 0.689),
                                 "test_balanced_accuracy": (0.619, 0.026, 0.574, 0.662, 0.602)},
    "one_hot_then_standard_scaled (alternative valid fix, shipped data)": {"test_roc_auc": 0.771,
                                                                           "test_balanced_accuracy": 0.717, "cv_roc_auc": 0.764},
}
