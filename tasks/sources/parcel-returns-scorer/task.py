"""parcel-returns-scorer: per-SKU target (return-rate) encoding computed on all rows before the split."""

from pathlib import Path

import numpy as np
import pandas as pd

ERROR_TYPE = "DATA_LEAKAGE"
DIFFICULTY = "medium"
ENTRYPOINT = "python src/train.py"
METRIC_LINE = r"(?m)^\s*test_roc_auc\s*:"

BUG_LOCATIONS = [{"file": "src/train.py", "lines": [58, 60], "function": "main"}]
ANCHORS = [
    ("src/train.py", 58, "tables = {column: historical_rates(orders, column) for column in RATE_COLUMNS}"),
    ("src/train.py", 59, "orders = add_rate_features(orders, tables)"),
    ("src/train.py", 60, "train, test = train_test_split(orders"),
    ("src/features.py", 24, "def historical_rates("),
    ("src/features.py", 29, "return rates, overall"),
]
LOCATION_CHECKS = [
    {"contains": "overlaps lines 58–59", "file": "src/train.py", "lines": [58, 59]},
    {"contains": "gives `function` as `main`", "file": "src/train.py", "lines": [58, 59], "function": "main"},
]

PROVENANCE = {
    "source": "generated",
    "license": "CC0-1.0",
    "generator": "tasks/sources/parcel-returns-scorer/task.py make_data: numpy.random.default_rng(2024); "
                 "3600 order lines over 605 SKUs (lognormal popularity, median 4 lines per SKU), 24 brands, "
                 "8 categories; logistic return model with a per-SKU effect N(0, 1)",
}

REFERENCE = {
    "how": "measure.py: GradientBoostingClassifier as in src/train.py, stratified 25 % split, split seeds 0-11",
    "leaky_test_roc_auc": {"mean": 0.838, "range": [0.805, 0.862], "seed6": 0.840},
    "fixed_test_roc_auc": {"mean": 0.705, "range": [0.660, 0.729], "seed6": 0.720},
    "leaky_test_pr_auc": {"mean": 0.636, "range": [0.593, 0.677], "seed6": 0.645},
    "fixed_test_pr_auc": {"mean": 0.459, "range": [0.426, 0.511], "seed6": 0.482},
    "drop_sku_rate_test_roc_auc": {"mean": 0.657, "range": [0.629, 0.682], "seed6": 0.646},
    "crossfit_TargetEncoder_seed6": {"test_roc_auc": 0.718, "test_pr_auc": 0.483},
    "loo_rates_on_all_rows_seed6": {"test_roc_auc": 0.951, "null_test_roc_auc": 0.996},
    "null_test_roc_auc_seed7": {"leaky": [0.721, 0.729, 0.701, 0.719, 0.727], "fixed": [0.471, 0.511, 0.488, 0.519, 0.496]},
}

VERIFY_EXPECTED = {
    "script": "response/revised_code.py",
    "run_timeout": 120,
    "bands": {"test_roc_auc": [0.67, 0.78], "test_pr_auc": [0.41, 0.57]},
    "null": {"data_file": "data/order_lines.csv", "label": "returned", "seeds": [1, 2],
             "ceilings": {"test_roc_auc": 0.58}},
}

_ORIGINAL_BLOCK = """    tables = {column: historical_rates(orders, column) for column in RATE_COLUMNS}
    orders = add_rate_features(orders, tables)
    train, test = train_test_split(orders, test_size=args.test_size, stratify=orders[TARGET], random_state=args.seed)
"""


def _standalone(files: dict[str, str], block: str) -> str:
    """src/train.py made runnable from response/ with `block` replacing the rate/split lines."""
    src = files["src/train.py"].replace(_ORIGINAL_BLOCK, block)
    return src.replace("sys.path.insert(0, str(Path(__file__).resolve().parent))",
                       "sys.path.insert(0, str(Path(__file__).resolve().parents[1] / 'src'))")


def _loo_on_all_rows(files):
    return _standalone(files, """    overall = orders[TARGET].mean()
    for column in RATE_COLUMNS:
        grp = orders.groupby(column)[TARGET]
        orders[f"{column}_return_rate"] = (grp.transform("sum") - orders[TARGET] + 5 * overall) / (grp.transform("count") - 1 + 5)
    train, test = train_test_split(orders, test_size=args.test_size, stratify=orders[TARGET], random_state=args.seed)
""")


def _stronger_prior_on_all_rows(files):
    return _standalone(files, """    tables = {column: historical_rates(orders, column, prior_weight=50.0) for column in RATE_COLUMNS}
    orders = add_rate_features(orders, tables)
    train, test = train_test_split(orders, test_size=args.test_size, stratify=orders[TARGET], random_state=args.seed)
""")


def _drop_sku_rate(files):
    src = _standalone(files, """    train, test = train_test_split(orders, test_size=args.test_size, stratify=orders[TARGET], random_state=args.seed)
    tables = {column: historical_rates(train, column) for column in RATE_COLUMNS}
    train, test = add_rate_features(train, tables), add_rate_features(test, tables)
""")
    return src.replace("X_train, X_test = design_matrix(train), design_matrix(test)",
                       "X_train = design_matrix(train).drop(columns=['sku_return_rate'])\n"
                       "    X_test = design_matrix(test).drop(columns=['sku_return_rate'])")


BAD_VARIANTS = {
    "original_run_from_response": lambda files: _standalone(files, _ORIGINAL_BLOCK),
    "leave_one_out_rates_on_all_rows": _loo_on_all_rows,
    "stronger_prior_still_on_all_rows": _stronger_prior_on_all_rows,
    "drop_sku_rate_feature": _drop_sku_rate,
}


def make_data(files_dir):
    rng = np.random.default_rng(2024)
    n_sku, n = 700, 3600
    cats = ["dresses", "tops", "jeans", "shoes", "outerwear", "knitwear", "accessories", "swimwear"]
    cat_eff = dict(zip(cats, [0.5, 0.0, 0.3, 0.6, 0.2, -0.1, -1.0, 0.4]))
    brands = [f"B{i:02d}" for i in range(24)]
    brand_eff = rng.normal(0, 0.25, len(brands))
    sku_cat = rng.choice(cats, n_sku, p=[.16, .18, .14, .14, .1, .1, .1, .08])
    sku_brand = rng.integers(0, len(brands), n_sku)
    sku_eff = rng.normal(0, 1.0, n_sku)
    base_price = np.exp(rng.normal(3.6, 0.5, n_sku)).round(2)
    pop = rng.lognormal(0, 1.1, n_sku)
    pop /= pop.sum()
    sku_idx = rng.choice(n_sku, n, p=pop)
    discount = rng.choice([0, 0, 0, 10, 20, 30, 40, 50], n)
    price = (base_price[sku_idx] * (1 - discount / 100)).round(2)
    tenure = rng.integers(1, 2500, n)
    channel = rng.choice(["web", "app", "marketplace"], n, p=[.5, .35, .15])
    qty = rng.choice([1, 1, 1, 1, 2, 2, 3], n)
    prev_returns = rng.poisson(0.6, n)
    logit = (-1.55 + sku_eff[sku_idx] + np.array([cat_eff[c] for c in sku_cat[sku_idx]]) + brand_eff[sku_brand[sku_idx]]
             + 0.012 * discount + 0.3 * (qty - 1) + 0.35 * prev_returns - 0.15 * np.log1p(tenure) / 3
             + 0.25 * (channel == "marketplace") + 0.004 * (price - 40))
    y = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(int)
    df = pd.DataFrame({
        "order_line_id": [f"OL{100000 + i}" for i in range(n)],
        "sku": [f"SKU-{j:04d}" for j in sku_idx], "brand": [brands[b] for b in sku_brand[sku_idx]],
        "category": sku_cat[sku_idx], "channel": channel, "unit_price": price, "discount_pct": discount,
        "quantity": qty, "customer_tenure_days": tenure, "customer_prior_returns": prev_returns, "returned": y})
    Path(files_dir, "data").mkdir(parents=True, exist_ok=True)
    df.to_csv(Path(files_dir, "data", "order_lines.csv"), index=False)
