"""helpdesk-escalation-model: a column recorded after the outcome (reassignments) used as a feature."""

from pathlib import Path

import numpy as np
import pandas as pd

ERROR_TYPE = "DATA_LEAKAGE"
DIFFICULTY = "medium"
ENTRYPOINT = "python src/escalation_model.py"
METRIC_LINE = r"(?m)^\s*test_roc_auc\s*:"

BUG_LOCATIONS = [{"file": "src/escalation_model.py", "lines": [39, 40], "function": "feature_columns"}]
ANCHORS = [
    ("src/escalation_model.py", 39, 'numeric = ["log_account_age"'),
    ("src/escalation_model.py", 40, '"reassignments", "created_hour", "created_on_weekend"]'),
]
LOCATION_CHECKS = [
    {"contains": "overlaps lines 39–40", "file": "src/escalation_model.py", "lines": [39, 40]},
    {"contains": "gives `function` as `feature_columns`", "file": "src/escalation_model.py", "lines": [39, 40],
     "function": "feature_columns"},
]

PROVENANCE = {
    "source": "generated",
    "license": "CC0-1.0",
    "generator": "tasks/sources/helpdesk-escalation-model/task.py make_data: numpy.random.default_rng(4242); "
                 "3000 support tickets, logistic escalation model (22.5 % escalated) on product area, tier, "
                 "priority, description length, attachments, open tickets, account age, channel, weekend; "
                 "`reassignments` ~ Poisson(0.5 + 1.6*escalated + 0.2*urgent), i.e. caused by the outcome",
}

REFERENCE = {
    "how": "measure.py: the shipped pipeline with and without `reassignments`, split seeds 0-9 (+21 = default); "
           "values are (mean over seeds 0-9, min, max, seed 21)",
    "leaky": {"cv_roc_auc": (0.877, 0.865, 0.885, 0.865), "test_roc_auc": (0.874, 0.859, 0.905, 0.905),
              "test_ap": (0.735, 0.704, 0.79, 0.79)},
    "fixed": {"cv_roc_auc": (0.724, 0.707, 0.737, 0.718), "test_roc_auc": (0.719, 0.689, 0.754, 0.738),
              "test_ap": (0.454, 0.407, 0.507, 0.445)},
    "binarised_reassignments": {"cv_roc_auc": (0.835, 0.824, 0.842, 0.828),
                                "test_roc_auc": (0.836, 0.81, 0.858, 0.858), "test_ap": (0.595, 0.547, 0.642, 0.626)},
}

VERIFY_EXPECTED = {
    "script": "response/revised_code.py",
    "run_timeout": 120,
    "bands": {"cv_roc_auc": [0.68, 0.77], "test_roc_auc": [0.68, 0.79], "test_average_precision": [0.38, 0.53]},
    "invariant": {"data_file": "data/tickets.csv", "column": "reassignments", "seed": 7,
                  "metrics": ["cv_roc_auc", "test_roc_auc"], "tolerance": 0.002},
}

_NUMERIC = """    numeric = ["log_account_age", "customer_open_tickets", "log_description_chars", "attachments",
               "reassignments", "created_hour", "created_on_weekend"]"""


def _binarised(files):
    src = files["src/escalation_model.py"].replace(_NUMERIC, _NUMERIC.replace('"reassignments"', '"reassigned_any"'))
    return src.replace('    return tickets\n', '    tickets["reassigned_any"] = (tickets["reassignments"] > 0).astype(int)\n    return tickets\n', 1)


def _log_counts(files):
    src = files["src/escalation_model.py"].replace(_NUMERIC, _NUMERIC.replace('"reassignments"', '"log_reassignments"'))
    return src.replace('    return tickets\n', '    tickets["log_reassignments"] = np.log1p(tickets["reassignments"])\n    return tickets\n', 1)


BAD_VARIANTS = {
    "reassignments_binarised": _binarised,
    "reassignments_log_transformed": _log_counts,
}


def make_data(files_dir):
    rng = np.random.default_rng(4242)
    n = 3000
    channels = ["email", "chat", "phone", "web_form"]
    areas = ["billing", "integrations", "reporting", "user_admin", "mobile_app", "api"]
    area_eff = dict(zip(areas, [-0.5, 0.7, 0.0, -0.6, 0.3, 0.9]))
    tiers = ["free", "standard", "business", "enterprise"]
    tier_eff = dict(zip(tiers, [-0.6, -0.1, 0.4, 0.9]))
    channel = rng.choice(channels, n, p=[.4, .3, .1, .2])
    area = rng.choice(areas, n, p=[.22, .16, .18, .2, .12, .12])
    tier = rng.choice(tiers, n, p=[.25, .4, .25, .1])
    priority = rng.choice(["low", "normal", "high", "urgent"], n, p=[.2, .5, .22, .08])
    pr_eff = {"low": -0.7, "normal": 0.0, "high": 0.6, "urgent": 1.1}
    account_age = rng.integers(5, 3000, n)
    open_tickets = rng.poisson(1.2, n)
    desc_len = np.round(np.exp(rng.normal(5.2, 0.7, n))).astype(int)
    attachments = rng.poisson(0.5, n)
    hour = rng.integers(0, 24, n)
    weekend = (rng.random(n) < 0.12).astype(int)
    logit = (-1.9 + np.array([area_eff[a] for a in area]) + np.array([tier_eff[t] for t in tier])
             + np.array([pr_eff[p] for p in priority]) + 0.45 * np.log(desc_len / 180) + 0.35 * attachments
             + 0.25 * open_tickets - 0.15 * np.log1p(account_age / 100) + 0.4 * (channel == "phone")
             + 0.3 * weekend + rng.normal(0, 0.8, n))
    y = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(int)
    reassign = rng.poisson(0.5 + 1.6 * y + 0.2 * (priority == "urgent"), n)
    created = pd.Timestamp("2024-01-01") + pd.to_timedelta(np.sort(rng.integers(0, 365 * 24 * 60, n)), unit="min")
    df = pd.DataFrame({
        "ticket_id": [f"T-{50000 + i}" for i in range(n)],
        "created_at": created.strftime("%Y-%m-%d %H:%M"), "channel": channel, "product_area": area,
        "customer_tier": tier, "priority": priority, "account_age_days": account_age,
        "customer_open_tickets": open_tickets, "description_chars": desc_len, "attachments": attachments,
        "reassignments": reassign, "escalated": y})
    Path(files_dir, "data").mkdir(parents=True, exist_ok=True)
    df.to_csv(Path(files_dir, "data", "tickets.csv"), index=False)
    return df


if __name__ == "__main__":
    df = make_data("files")
    print(df.shape, df.escalated.mean(), df.groupby("escalated").reassignments.mean())
