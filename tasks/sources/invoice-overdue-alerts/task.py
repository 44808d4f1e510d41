"""invoice-overdue-alerts: random oversampling of the minority class before the train/test split."""

from pathlib import Path

import numpy as np
import pandas as pd

ERROR_TYPE = "DATA_LEAKAGE"
# Oversampling before the split is imbalance handling done at the wrong point; the prompt frames the
# step as class balancing, so reading it as IMBALANCE is defensible: it earns all but the exact-code
# points and no penalty (docs/tasks.md, "Labels").
ACCEPTABLE = {"IMBALANCE": "the leaking step is the class balancing itself (random oversampling of overdue "
                           "invoices); calling it an imbalance-handling error names the same step"}
DIFFICULTY = "easy"
ENTRYPOINT = "python train_model.py"
METRIC_LINE = r"(?m)^\s*test_f1\s*:"

BUG_LOCATIONS = [{"file": "train_model.py", "lines": [61, 64], "function": "main"}]
ANCHORS = [
    ("train_model.py", 61, "data = balance_classes(invoices)"),
    ("train_model.py", 64, "X_train, X_test, y_train, y_test = train_test_split(X, y"),
    ("train_model.py", 32, "def balance_classes("),
    ("train_model.py", 38, "return pd.concat([majority, minority, extra])"),
]
LOCATION_CHECKS = [
    {"contains": "overlaps lines 61–64", "file": "train_model.py", "lines": [61, 64]},
    {"contains": "gives `function` as `main`", "file": "train_model.py", "lines": [61, 64], "function": "main"},
]

PROVENANCE = {
    "source": "generated",
    "license": "CC0-1.0",
    "generator": "tasks/sources/invoice-overdue-alerts/task.py make_data: numpy.random.default_rng(77); "
                 "2600 B2B invoices, 6 industries, logistic model for >60-day overdue (16.5 % positive) driven "
                 "mainly by past late-payment ratio, credit utilisation, days since last payment and disputes",
}

REFERENCE = {
    "how": "measure.py: split seeds 0-9 (+ seed 11 = default); RandomForest as in train_model.py; "
           "values are (mean over seeds 0-9, min, max over all, seed 11)",
    "leaky": {"precision": (0.887, 0.857, 0.907, 0.889), "recall": (0.945, 0.93, 0.961, 0.961),
              "f1": (0.915, 0.894, 0.926, 0.924), "roc_auc": (0.97, 0.957, 0.98, 0.975)},
    "fixed": {"precision": (0.489, 0.448, 0.535, 0.448), "recall": (0.469, 0.411, 0.505, 0.439),
              "f1": (0.478, 0.431, 0.519, 0.443), "roc_auc": (0.798, 0.762, 0.832, 0.784)},
    "no_oversampling": {"precision": (0.67, 0.56, 0.75, 0.56), "recall": (0.258, 0.206, 0.327, 0.262),
                        "f1": (0.371, 0.31, 0.443, 0.357), "roc_auc": (0.804, 0.775, 0.841, 0.793)},
    "split_then_rebalance_both": {"precision": (0.829, 0.803, 0.859, 0.803), "recall": (0.472, 0.401, 0.54, 0.435),
                                  "f1": (0.601, 0.536, 0.663, 0.564), "roc_auc": (0.8, 0.759, 0.832, 0.778)},
    "permuted_labels_seed11": {"leaky_f1": [0.922, 0.93, 0.93], "fixed_f1": [0.071, 0.127, 0.017],
                               "fixed_roc_auc": [0.505, 0.495, 0.51]},
}

VERIFY_EXPECTED = {
    "script": "response/revised_code.py",
    "run_timeout": 120,
    "bands": {"test_precision": [0.34, 0.64], "test_recall": [0.36, 0.64], "test_f1": [0.37, 0.60],
              "test_roc_auc": [0.74, 0.87]},
    "null": {"data_file": "data/invoices.csv", "label": "overdue_60d", "seeds": [1, 2],
             "ceilings": {"test_f1": 0.30, "test_roc_auc": 0.60}},
}

_LEAKY = """    data = balance_classes(invoices)
    X = data.drop(columns=[TARGET])
    y = data[TARGET].to_numpy()
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=TEST_SIZE, stratify=y, random_state=SEED)
"""


def _both_balanced(files):
    return files["train_model.py"].replace(_LEAKY, """    train, test = train_test_split(invoices, test_size=TEST_SIZE, stratify=invoices[TARGET], random_state=SEED)
    train, test = balance_classes(train), balance_classes(test)
    X_train, y_train = train.drop(columns=[TARGET]), train[TARGET].to_numpy()
    X_test, y_test = test.drop(columns=[TARGET]), test[TARGET].to_numpy()
""")


def _no_balancing(files):
    return files["train_model.py"].replace(_LEAKY, """    X = invoices.drop(columns=[TARGET])
    y = invoices[TARGET].to_numpy()
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=TEST_SIZE, stratify=y, random_state=SEED)
""")


BAD_VARIANTS = {
    "split_first_but_rebalance_test_too": _both_balanced,
    "drop_the_balancing_altogether": _no_balancing,
}


def make_data(files_dir):
    rng = np.random.default_rng(77)
    n = 2600
    industries = ["construction", "retail", "hospitality", "manufacturing", "logistics", "healthcare"]
    ind_eff = dict(zip(industries, [0.6, 0.1, 0.5, -0.2, 0.2, -0.5]))
    industry = rng.choice(industries, n, p=[.18, .22, .14, .2, .14, .12])
    age_m = rng.integers(3, 180, n)
    amount = np.round(np.exp(rng.normal(8.2, 1.0, n)), 2)
    terms = rng.choice([14, 30, 45, 60], n, p=[.2, .5, .2, .1])
    late_ratio = np.round(np.clip(rng.beta(1.3, 6, n), 0, 1), 3)
    open_inv = rng.poisson(3, n)
    util = np.round(np.clip(rng.normal(0.55, 0.22, n), 0.02, 1.2), 3)
    since_pay = rng.integers(0, 120, n)
    disputes = rng.poisson(0.2, n)
    logit = (-4.3 + 8.0 * late_ratio + 2.5 * (util - 0.55) + 0.025 * (since_pay - 40) + 0.6 * disputes
             + 0.15 * np.log(amount / 3600) - 0.004 * (age_m - 60) + 0.008 * (terms - 30)
             + np.array([ind_eff[i] for i in industry]) + 0.05 * (open_inv - 3))
    y = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(int)
    df = pd.DataFrame({
        "invoice_id": [f"INV-{20000 + i}" for i in range(n)], "industry": industry,
        "customer_age_months": age_m, "invoice_amount": amount, "payment_terms_days": terms,
        "past_late_ratio": late_ratio, "open_invoices": open_inv, "credit_utilisation": util,
        "days_since_last_payment": since_pay, "open_disputes": disputes, "overdue_60d": y})
    Path(files_dir, "data").mkdir(parents=True, exist_ok=True)
    df.to_csv(Path(files_dir, "data", "invoices.csv"), index=False)
    return df


if __name__ == "__main__":
    df = make_data("files")
    print(df.shape, df.overdue_60d.mean())
