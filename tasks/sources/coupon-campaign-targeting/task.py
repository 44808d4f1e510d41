"""coupon-campaign-targeting: a multi-select field one-hot encoded as one string (ENCODING_ERROR)."""

from pathlib import Path

import numpy as np
import pandas as pd

ERROR_TYPE = "ENCODING_ERROR"
DIFFICULTY = "medium"
ENTRYPOINT = "python src/campaign_model.py"
METRIC_LINE = r"(?m)^test_roc_auc:\s*[0-9.]+"
BUG_LOCATIONS = [
    {"file": "src/campaign_model.py", "lines": [42, 42], "function": "build_model"},
    {"file": "src/campaign_model.py", "lines": [20, 20]},
]
ANCHORS = [
    ("src/campaign_model.py", 42, '("cat", OneHotEncoder(handle_unknown="ignore"), CATEGORICAL),'),
    ("src/campaign_model.py", 20, 'CATEGORICAL = ["region", "interests"]'),
]
LOCATION_CHECKS = [
    {"contains": "overlaps line 42", "file": "src/campaign_model.py", "lines": [42, 42], "function": "build_model"},
    {"contains": "overlaps line 20", "file": "src/campaign_model.py", "lines": [20, 20]},
]
PROVENANCE = {
    "source": "synthetic retail customer/campaign records generated for this task (logistic redemption model)",
    "license": "CC0-1.0",
    "generator": "task.py make_data, numpy default_rng(404), 4000 rows",
}
TAGS = ["beauty", "books", "cooking", "fitness", "gardening", "home_decor", "kids", "outdoor", "pets", "tech"]
TAG_EFF = [0.9, -0.6, 1.0, -0.4, 0.7, 1.1, -0.8, -0.7, 0.8, -1.0]


def customers(seed=404, n=4000):
    rng = np.random.default_rng(seed)
    k = rng.choice([1, 2, 3, 4], n, p=[0.2, 0.35, 0.3, 0.15])
    pop = np.array([1.2, 1, 1, 1.1, 0.7, 0.9, 1, 1, 1.1, 1.3])
    pop = pop / pop.sum()
    # tags are stored in the order the customer ticked them in the preference centre
    tags = [list(rng.choice(len(TAGS), kk, replace=False, p=pop)) for kk in k]
    tag_eff = np.array([sum(TAG_EFF[t] for t in tt) for tt in tags])
    region = rng.choice(["east", "north", "south", "west"], n, p=[0.3, 0.2, 0.25, 0.25])
    orders = rng.poisson(4, n)
    spend = np.round(rng.gamma(2, 60, n) * (0.5 + orders / 8), 2)
    days = rng.integers(1, 365, n)
    opens = rng.poisson(3, n)
    logit = (-1.8 + 1.1 * tag_eff + 0.12 * (orders - 4) - 0.004 * (days - 180) + 0.1 * (opens - 3)
             + np.where(region == "north", 0.2, 0.0))
    y = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(int)
    interests = [";".join(TAGS[t] for t in tt) for tt in tags]
    return pd.DataFrame({
        "customer_id": np.arange(500001, 500001 + n), "region": region, "orders_12m": orders, "spend_12m": spend,
        "days_since_last_order": days, "email_opens_90d": opens, "interests": interests, "redeemed": y,
    })


def make_data(files_dir):
    d = Path(files_dir) / "data"
    d.mkdir(parents=True, exist_ok=True)
    customers().to_csv(d / "spring_campaign.csv", index=False)


_READ = '''    df["interests"] = df["interests"].fillna("none")
'''


def _with(files, extra):
    src = files["src/campaign_model.py"]
    assert _READ in src
    return src.replace(_READ, _READ + extra)


BAD_VARIANTS = {
    # the same interests ticked in a different order become one category, but combinations stay atomic
    "sorted_combinations": lambda f: _with(
        f, '    df["interests"] = df["interests"].map(lambda s: ";".join(sorted(s.split(";"))))\n'),
    # keeps only the first interest ticked
    "first_interest_only": lambda f: _with(f, '    df["interests"] = df["interests"].str.split(";").str[0]\n'),
}
VERIFY_EXPECTED = {
    "bands": {"test_roc_auc": [0.775, 0.84], "test_average_precision": [0.53, 0.64], "cv_roc_auc": [0.775, 0.83]},
    "run_timeout": 120,
}
# measure.py: 12 data sets (shipped data with split seed 17, then data/split seeds 1-11); mean, sd, min, max, shipped
REFERENCE = {
    "buggy": {"test_roc_auc": (0.705, 0.018, 0.673, 0.733, 0.695), "test_average_precision": (0.419, 0.02, 0.394, 0.453, 0.409),
              "test_lift_top10": (2.241, 0.191, 1.97, 2.53, 2.09), "cv_roc_auc": (0.704, 0.012, 0.684, 0.725, 0.701)},
    "fixed": {"test_roc_auc": (0.801, 0.012, 0.778, 0.818, 0.805), "test_average_precision": (0.562, 0.023, 0.532, 0.596, 0.581),
              "test_lift_top10": (2.921, 0.187, 2.72, 3.24, 2.72), "cv_roc_auc": (0.801, 0.009, 0.791, 0.818, 0.795)},
    "sorted_combinations": {"test_roc_auc": (0.752, 0.016, 0.733, 0.784, 0.744),
                            "test_average_precision": (0.483, 0.024, 0.436, 0.52, 0.486),
                            "cv_roc_auc": (0.749, 0.015, 0.726, 0.772, 0.739)},
    "first_interest_only": {"test_roc_auc": (0.698, 0.018, 0.676, 0.735, 0.697),
                            "test_average_precision": (0.396, 0.023, 0.357, 0.432, 0.389)},
}
