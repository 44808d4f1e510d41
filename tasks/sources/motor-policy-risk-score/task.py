"""motor-policy-risk-score: categories unseen in training silently get code 0 (ENCODING_ERROR)."""

from pathlib import Path

import numpy as np
import pandas as pd

ERROR_TYPE = "ENCODING_ERROR"
DIFFICULTY = "hard"
ENTRYPOINT = "python src/risk_model.py"
METRIC_LINE = r"(?m)^test_roc_auc:\s*[0-9.]+"
BUG_LOCATIONS = [{"file": "src/risk_model.py", "lines": [40, 40], "function": "encode"}]
ANCHORS = [
    ("src/risk_model.py", 40, "X[col] = df[col].map(vocabulary[col]).fillna(0).astype(int)"),
    ("src/risk_model.py", 34, "return {col: {v: i for i, v in enumerate(sorted(df[col].unique()))} for col in CATEGORICAL}"),
]
LOCATION_CHECKS = [
    {"contains": "overlaps line 40", "file": "src/risk_model.py", "lines": [40, 40], "function": "encode"},
]
PROVENANCE = {
    "source": "synthetic private-motor policies generated for this task (logistic claim model; the 2023 year "
              "adds six new vehicle models)",
    "license": "CC0-1.0",
    "generator": "task.py make_data, numpy default_rng(77); 3500 policies 2021-2022, 1500 policies 2023",
}
MAKES_OLD = ["abarth_595", "audi_a3", "bmw_3", "citroen_c3", "dacia_sandero", "fiat_500", "ford_fiesta", "ford_focus",
             "honda_civic", "hyundai_i20", "kia_ceed", "mazda_3", "mercedes_a", "mini_cooper", "nissan_qashqai",
             "opel_corsa", "peugeot_208", "renault_clio", "seat_ibiza", "skoda_octavia", "toyota_yaris", "vw_golf",
             "vw_polo", "volvo_v40"]
MAKES_NEW = ["byd_dolphin", "cupra_born", "mg4_ev", "tesla_model3", "toyota_aygox", "vw_id3"]
REGIONS = ["alpine", "capital", "coast", "east", "lakes", "north", "south", "west"]


def _frame(rng, n, makes, pm, eff, start):
    mk = rng.choice(makes, n, p=pm)
    age = np.clip(rng.gamma(6, 7, n) + 18, 18, 85).round().astype(int)
    vage = rng.integers(0, 16, n)
    km = np.round(rng.gamma(4, 3000, n), -2).astype(int)
    region = rng.choice(REGIONS, n)
    urban = np.isin(region, ["capital", "coast"])
    years = np.minimum(rng.integers(0, 12, n), age - 18)
    logit = (-2.4 + np.vectorize(eff.get)(mk) + 1.5 * np.exp(-(age - 18) / 7) + 0.55 * (km - 12000) / 6000
             + 0.4 * urban - 0.12 * years + 0.01 * vage)
    y = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(int)
    return pd.DataFrame({
        "policy_id": np.arange(start, start + n), "driver_age": age, "years_licensed_clean": years, "vehicle": mk,
        "vehicle_age": vage, "annual_km": km, "region": region, "claim": y,
    })


def policies(seed=77):
    rng = np.random.default_rng(seed)
    eff = {m: rng.normal(0, 0.25) for m in MAKES_OLD}
    eff["abarth_595"] = 1.8
    for m in MAKES_NEW:
        eff[m] = rng.normal(-0.5, 0.15)
    train = _frame(rng, 3500, MAKES_OLD, np.full(len(MAKES_OLD), 1 / len(MAKES_OLD)), eff, 10001)
    p_test = np.r_[np.full(len(MAKES_OLD), 0.65 / len(MAKES_OLD)), np.full(len(MAKES_NEW), 0.35 / len(MAKES_NEW))]
    test = _frame(rng, 1500, MAKES_OLD + MAKES_NEW, p_test, eff, 50001)
    test.loc[test["vehicle"].isin(MAKES_NEW), "vehicle_age"] = 0
    return train, test


def make_data(files_dir):
    d = Path(files_dir) / "data"
    d.mkdir(parents=True, exist_ok=True)
    train, test = policies()
    train.to_csv(d / "policies_2021_2022.csv", index=False)
    test.to_csv(d / "policies_2023.csv", index=False)


_LOAD = '''    test = load_policies("policies_2023.csv")
'''
_ENC = "X[col] = df[col].map(vocabulary[col]).fillna(0).astype(int)"


def _src(files):
    src = files["src/risk_model.py"]
    assert _LOAD in src and _ENC in src
    return src


BAD_VARIANTS = {
    # scores only the 2023 policies whose vehicle was already known: the new models disappear from the check
    "drop_unseen_test_rows": lambda f: _src(f).replace(_LOAD, _LOAD + '    test = test[test["vehicle"].isin(set(train["vehicle"]))].reset_index(drop=True)\n'),
    # stops using the vehicle at all
    "drop_vehicle_feature": lambda f: _src(f).replace('CATEGORICAL = ["vehicle", "region"]', 'CATEGORICAL = ["region"]'),
}
VERIFY_EXPECTED = {
    "bands": {"test policies": [1500, 1500], "test_roc_auc": [0.645, 0.70], "test_log_loss": [0.235, 0.275],
              "test_predicted_claim_rate": [0.05, 0.085]},
    "run_timeout": 120,
}
# measure.py: 10 data sets (policies(77..86); 77 is shipped), mean, sd, min, max, shipped value
REFERENCE = {
    "buggy": {"test_roc_auc": (0.5926, 0.0257, 0.544, 0.637, 0.611), "test_log_loss": (0.3031, 0.0298, 0.2521, 0.3503, 0.3004),
              "test_predicted_claim_rate": (0.1283, 0.0208, 0.0924, 0.1596, 0.1215),
              "test_observed_claim_rate": (0.0657, 0.0068, 0.0547, 0.074, 0.07)},
    "fixed": {"test_roc_auc": (0.6576, 0.0367, 0.586, 0.703, 0.671), "test_log_loss": (0.2457, 0.0148, 0.2152, 0.2589, 0.2574),
              "test_predicted_claim_rate": (0.06, 0.0048, 0.0519, 0.0661, 0.0637)},
    # conceptually still maps unseen models onto an existing one, but the most frequent code is benign here;
    # not a BAD_VARIANT (verify accepts it), the code-review rubric line does not
    "unseen_to_most_frequent_code": {"test_roc_auc": (0.6448, 0.0361, 0.572, 0.684, 0.671),
                                     "test_log_loss": (0.2499, 0.0167, 0.2189, 0.2742, 0.2573)},
    "drop_unseen_test_rows": {"test_roc_auc": (0.6589, 0.0396, 0.577, 0.708, 0.668), "test_policies": "~975 instead of 1500"},
    "drop_vehicle_feature": {"test_roc_auc": (0.6302, 0.0147, 0.611, 0.657, 0.611),
                             "test_log_loss": (0.2475, 0.016, 0.2183, 0.2661, 0.2639)},
}
