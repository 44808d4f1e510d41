"""Task definition for food-safety-inspection-risk (NONE: big boosted model with early stopping, ordinal
categories with an explicit order, unscaled features for trees)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

ERROR_TYPE = "NONE"
BUG_LOCATIONS: list = []
LOCATION_CHECKS: list = []
METRIC_LINE = r"(?m)^test_roc_auc:\s*[0-9.]+"
DIFFICULTY = "medium"
ENTRYPOINT = "python src/train.py"
PROVENANCE = {
    "source": "generated",
    "license": "CC0-1.0",
    "generator": "task.py make_data(): numpy default_rng(8080); 2,600 synthetic food businesses; failure of the "
                 "next inspection from a logistic model with non-linear effects of the last hygiene rating, "
                 "complaints, time since inspection, staff turnover and venue type (~30 % positive)",
}
HYGIENE = ["poor", "fair", "good", "excellent"]
SIZES = ["small", "medium", "large"]
VENUES = ["restaurant", "cafe", "takeaway", "bar", "food_truck", "canteen"]
CUISINES = ["italian", "chinese", "indian", "american", "mexican", "japanese", "turkish", "other"]


def generate(files_dir: Path, seed: int = 8080, n: int = 2600) -> None:
    rng = np.random.default_rng(seed)
    hyg = rng.choice(4, size=n, p=[0.12, 0.25, 0.38, 0.25])
    size = rng.choice(3, size=n, p=[0.45, 0.38, 0.17])
    venue = rng.choice(len(VENUES), size=n, p=[0.34, 0.18, 0.22, 0.12, 0.06, 0.08])
    cuisine = rng.choice(len(CUISINES), size=n)
    seats = np.where(venue == 4, 0, np.round(rng.gamma(2.0, 18 + 22 * size))).astype(int)
    years = np.round(rng.exponential(8, n), 1)
    complaints = rng.poisson(0.4 + 0.5 * (3 - hyg) * 0.6 + 0.004 * seats)
    days = rng.integers(30, 900, n)
    turnover = np.clip(rng.normal(35, 15, n) + 8 * (venue == 2), 0, 100).round(1)
    prior = rng.poisson(0.5 + 0.6 * (3 - hyg))
    venue_eff = np.array([0.0, -0.3, 0.2, 0.1, 0.5, -0.5])[venue]
    hyg_eff = np.array([0.9, 0.5, -0.2, -0.8])[hyg]
    stale = days > 540
    logit = (-2.3 + hyg_eff + venue_eff
             + 2.0 * (hyg <= 1) * stale
             + 1.6 * (complaints >= 2) * (turnover > 45)
             + 1.2 * (venue == 2) * (hyg <= 1)
             - 1.4 * (years < 1.0) * (hyg == 3)
             + 1.1 * (prior >= 2) * (size == 2)
             + 1.8 * (hyg <= 1) * stale * (complaints >= 2)
             + 1.5 * (venue == 2) * (turnover > 45) * (size == 0)
             + 0.35 * np.sqrt(complaints) + 0.4 * stale
             + rng.normal(0, 0.3, n))
    y = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(int)
    df = pd.DataFrame({
        "business_id": [f"FB{40000 + i}" for i in range(n)],
        "venue_type": np.array(VENUES)[venue],
        "cuisine": np.array(CUISINES)[cuisine],
        "last_hygiene_rating": np.array(HYGIENE)[hyg],
        "kitchen_size": np.array(SIZES)[size],
        "seats": seats,
        "years_trading": years,
        "complaints_12m": complaints,
        "days_since_inspection": days,
        "staff_turnover_pct": turnover,
        "prior_violations": prior,
        "failed_next_inspection": y,
    })
    (files_dir / "data").mkdir(parents=True, exist_ok=True)
    df.to_csv(files_dir / "data" / "businesses.csv", index=False)


def make_data(files_dir: Path) -> None:
    generate(files_dir)


def _no_early_stopping(files: dict[str, str]) -> str:
    src = files["src/train.py"]
    old = "        validation_fraction=0.15,\n        n_iter_no_change=25,\n"
    assert old in src
    return src.replace(old, "")


def _alphabetical_ordinal(files: dict[str, str]) -> str:
    src = files["src/train.py"]
    old = "OrdinalEncoder(categories=list(ORDINAL.values()))"
    assert old in src
    return src.replace(old, "OrdinalEncoder()")


def _stumps(files: dict[str, str]) -> str:
    src = files["src/train.py"]
    old = "        max_depth=2,\n"
    assert old in src
    return src.replace(old, "        max_depth=1,\n")


def _one_hot_everything(files: dict[str, str]) -> str:
    src = files["src/train.py"]
    old = '            ("ordinal", OrdinalEncoder(categories=list(ORDINAL.values())), list(ORDINAL)),\n'
    assert old in src
    src = src.replace(old, "")
    return src.replace("), NOMINAL),", "), NOMINAL + list(ORDINAL)),")


ANCHORS = [
    ("src/train.py", 19, "ORDINAL = {"),
    ("src/train.py", 22, "}"),
    ("src/train.py", 39, "OrdinalEncoder(categories=list(ORDINAL.values()))"),
    ("src/train.py", 41, '"passthrough", NUMERIC'),
    ("src/train.py", 46, "def classifier(seed):"),
    ("src/train.py", 48, "n_estimators=2000"),
    ("src/train.py", 52, "validation_fraction=0.15"),
    ("src/train.py", 53, "n_iter_no_change=25"),
    ("src/train.py", 55, ")"),
]
BAD_VARIANTS = {
    "no_early_stopping": _no_early_stopping,
    "stumps": _stumps,
}
# Original on the shipped data (seed 5): boosting_rounds 219, train_roc_auc 0.890, test_roc_auc 0.846,
# test_accuracy 0.857, test_f1 0.710, test_precision_at_top20 0.846 (deterministic). The bands leave room for
# harmless rewrites (alphabetical or one-hot encoding of the ordinals: rounds 251/252, test_roc_auc 0.847/0.849,
# test_accuracy 0.854/0.851, test_f1 0.708/0.705, precision_at_top20 0.838/0.854, all inside).
VERIFY_EXPECTED = {
    "bands": {
        "boosting_rounds": [110, 440],
        "train_roc_auc": [0.875, 0.905],
        "test_roc_auc": [0.836, 0.856],
        "test_accuracy": [0.847, 0.867],
        "test_f1": [0.695, 0.725],
        "test_precision_at_top20": [0.831, 0.861],
    },
    "run_timeout": 120,
}
# measure.py: 10 data seeds (generate(seed=1000+i)) x split/model seed i; mean (sd) and the would-be "fixes"
# as differences from the original on the same data and split.
REFERENCE = {
    "original": {"boosting_rounds": "181 (25)", "train_roc_auc": "0.879 (0.008)", "test_roc_auc": "0.839 (0.014)",
                 "test_accuracy": "0.824 (0.009)", "test_f1": "0.642 (0.017)",
                 "test_precision_at_top20": "0.764 (0.017)"},
    "no_early_stopping": {"boosting_rounds": 2000, "train_roc_auc": "0.986 (diff +0.107)",
                          "test_roc_auc": "0.811 (diff -0.029, sd 0.010)", "test_accuracy": "diff -0.018 (sd 0.012)",
                          "test_precision_at_top20": "diff -0.034 (sd 0.029)"},
    "stumps": {"train_roc_auc": "0.844 (diff -0.036, sd 0.006)", "test_roc_auc": "diff -0.008 (sd 0.009)",
               "test_accuracy": "diff -0.007 (sd 0.007)", "test_f1": "diff -0.013 (sd 0.021)",
               "shipped data": "train_roc_auc 0.856, test_accuracy 0.828, test_f1 0.665"},
    "one_hot_everything (not a bad variant)": {"test_roc_auc": "diff +0.000 (sd 0.004)",
                                               "test_accuracy": "diff -0.003 (sd 0.003)"},
    "alphabetical_ordinal (not a bad variant)": {"test_roc_auc": "diff -0.005 (sd 0.005)",
                                                 "test_f1": "diff -0.021 (sd 0.017)"},
    "shipped data, seed 5": {"boosting_rounds": 219, "train_roc_auc": 0.890, "test_roc_auc": 0.846,
                             "test_accuracy": 0.857, "test_f1": 0.710, "test_precision_at_top20": 0.846,
                             "no_early_stopping": "2000 rounds, train 0.988, test_roc_auc 0.821, accuracy 0.822"},
}
