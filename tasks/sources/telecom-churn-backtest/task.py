"""telecom-churn-backtest: categorical codes assigned separately per snapshot (ENCODING_ERROR)."""

from pathlib import Path

import numpy as np
import pandas as pd

ERROR_TYPE = "ENCODING_ERROR"
DIFFICULTY = "medium"
ENTRYPOINT = "python src/train.py"
METRIC_LINE = r"(?m)^backtest_auc:\s*[0-9.]+"
BUG_LOCATIONS = [
    {"file": "src/features.py", "lines": [32, 33], "function": "to_matrix"},
    {"file": "src/train.py", "lines": [37, 38], "function": "main"},
]
ANCHORS = [
    ("src/features.py", 33, 'X[col] = df[col].astype("category").cat.codes'),
    ("src/features.py", 32, "for col in CATEGORICAL:"),
    ("src/train.py", 37, "X_train, y_train = to_matrix(train)"),
    ("src/train.py", 38, "X_back, y_back = to_matrix(backtest)"),
]
LOCATION_CHECKS = [
    {"contains": "overlaps lines 32–33", "file": "src/features.py", "lines": [32, 33], "function": "to_matrix"},
    {"contains": "overlaps lines 37–38", "file": "src/train.py", "lines": [37, 38]},
]
PROVENANCE = {
    "source": "synthetic telecom customer snapshots generated for this task (logistic churn model)",
    "license": "CC0-1.0",
    "generator": "task.py make_data, numpy default_rng(2024); 3000 training and 1200 back-test customers",
}
REGIONS = ["central", "coastal", "metro_east", "metro_west", "north", "south"]


def _frame(rng, n, plans, pplan, pays, ppay, start_id):
    contract = rng.choice(["month-to-month", "one-year", "two-year"], n, p=[0.52, 0.27, 0.21])
    plan = rng.choice(plans, n, p=pplan)
    pay = rng.choice(pays, n, p=ppay)
    region = rng.choice(REGIONS, n, p=[0.14, 0.16, 0.2, 0.2, 0.14, 0.16])
    tenure = np.clip(rng.gamma(2.0, 14, n).round(), 1, 96).astype(int)
    base = {"basic": 35, "classic": 45, "family": 80, "premium": 70, "unlimited": 90}
    charges = np.round(np.array([base[p] for p in plan]) + rng.normal(0, 8, n), 2)
    data_gb = np.round(rng.gamma(2.0, 6, n) * np.where(plan == "unlimited", 2.5, 1.0), 1)
    calls = rng.poisson(1.2, n)
    ceff = {"month-to-month": 0.9, "one-year": -0.6, "two-year": -1.7}
    peff = {"basic": 0.6, "classic": -0.3, "family": -0.9, "premium": 0.0, "unlimited": 1.0}
    yeff = {"bank_transfer": -0.3, "cheque": 0.3, "credit_card": -0.7, "e_wallet": 1.0}
    reff = dict(zip(REGIONS, [-0.4, 0.5, -0.2, 0.3, -0.5, 0.3]))
    logit = (-1.3 + np.vectorize(ceff.get)(contract) + np.vectorize(peff.get)(plan) + np.vectorize(yeff.get)(pay)
             + np.vectorize(reff.get)(region) + 0.35 * calls - 0.025 * tenure + 0.01 * (charges - 60))
    churn = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(int)
    return pd.DataFrame({
        "customer_id": np.arange(start_id, start_id + n), "tenure_months": tenure, "monthly_charges": charges,
        "data_gb": data_gb, "support_calls": calls, "contract": contract, "plan": plan, "payment_method": pay,
        "region": region, "churned": churn,
    })


def snapshots(seed=2024):
    rng = np.random.default_rng(seed)
    train = _frame(rng, 3000, ["basic", "classic", "family", "premium", "unlimited"], [0.2, 0.12, 0.22, 0.26, 0.2],
                   ["bank_transfer", "cheque", "credit_card", "e_wallet"], [0.28, 0.1, 0.34, 0.28], 100001)
    # Q3: the legacy "classic" plan and cheque payments have been retired
    backtest = _frame(rng, 1200, ["basic", "family", "premium", "unlimited"], [0.22, 0.24, 0.3, 0.24],
                      ["bank_transfer", "credit_card", "e_wallet"], [0.28, 0.38, 0.34], 200001)
    return train, backtest


def make_data(files_dir):
    train, backtest = snapshots()
    d = Path(files_dir) / "data"
    d.mkdir(parents=True, exist_ok=True)
    train.to_csv(d / "train.csv", index=False)
    backtest.to_csv(d / "backtest.csv", index=False)


_FEATURES_IMPORT = "from features import load_snapshot, to_matrix  # noqa: E402"


def _inline_features(files, body):
    """train.py with features.py pasted in (minus its imports) and `body` appended to it."""
    feats = files["src/features.py"].split('import pandas as pd\n', 1)[1]
    src = files["src/train.py"]
    assert _FEATURES_IMPORT in src
    src = src.replace(_FEATURES_IMPORT, "")
    src = src.replace("import numpy as np\n", "import numpy as np\nimport pandas as pd\nfrom pathlib import Path\n", 1)
    return src.replace("SEED = 3\n", feats + body + "\n\nSEED = 3\n", 1)


# only plan gets the training categories; payment_method (and the rest) are still coded per file
_HALF = '''
TRAIN_CATEGORIES = {c: sorted(pd.read_csv(DATA_DIR / "train.csv")[c].str.strip().str.lower().unique())
                    for c in ["plan"]}
_to_matrix = to_matrix


def to_matrix(df):
    X, y = _to_matrix(df)
    for col, cats in TRAIN_CATEGORIES.items():
        X[col] = pd.Categorical(df[col], categories=cats).codes
    return X, y
'''
# codes in order of first appearance within each file
_FACTORIZE = '''
def to_matrix(df):
    df = add_ratios(df)
    X = df[NUMERIC + ["charge_per_gb", "calls_per_year"]].copy()
    for col in CATEGORICAL:
        X[col] = pd.factorize(df[col])[0]
    return X, df[TARGET].to_numpy()
'''
BAD_VARIANTS = {
    "half_fix_plan_only": lambda f: _inline_features(f, _HALF),
    "factorize_per_file": lambda f: _inline_features(f, _FACTORIZE),
}

VERIFY_EXPECTED = {
    "bands": {"backtest_auc": [0.77, 0.84], "backtest_capture_at_20": [0.41, 0.52]},
    "run_timeout": 120,
}

# measure.py: 10 regenerated data sets (snapshots(2024..2033)), mean, sd, min, max, value on the shipped data
REFERENCE = {
    "buggy": {"backtest_auc": (0.716, 0.012, 0.705, 0.738, 0.709), "backtest_capture_at_20": (0.352, 0.017, 0.332, 0.392, 0.334),
              "cv_auc": (0.794, 0.008, 0.784, 0.81, 0.787)},
    "fixed": {"backtest_auc": (0.805, 0.013, 0.788, 0.826, 0.794), "backtest_capture_at_20": (0.464, 0.02, 0.437, 0.502, 0.449),
              "cv_auc": (0.794, 0.008, 0.784, 0.81, 0.787)},
    "half_fix_plan_only": {"backtest_auc": (0.745, 0.016, 0.733, 0.785, 0.746),
                           "backtest_capture_at_20": (0.396, 0.023, 0.371, 0.445, 0.389)},
    "factorize_per_file": {"backtest_auc": (0.606, 0.131, 0.405, 0.781, 0.619),
                           "backtest_capture_at_20": (0.27, 0.128, 0.083, 0.476, 0.271)},
}
