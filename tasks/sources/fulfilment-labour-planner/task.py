"""fulfilment-labour-planner: MinMaxScaler(clip=True) caps a growing demand signal at its training maximum (SCALING_ERROR)."""

from __future__ import annotations

from pathlib import Path

ERROR_TYPE = "SCALING_ERROR"
DIFFICULTY = "hard"
ENTRYPOINT = "python src/forecast.py"
METRIC_LINE = r"(?m)^test_mae:\s*[0-9.]+"
PROVENANCE = {
    "source": "generated",
    "license": "CC0-1.0",
    "generator": "task.py make_data(files_dir, seed=2): numpy default_rng; 728 days of a fulfilment centre "
                 "with about 100 %/year order growth, yearly seasonality, weekends and promotion days",
}

BUG_LOCATIONS = [{"file": "src/features.py", "lines": [25, 26], "function": "make_preprocessor"}]
ANCHORS = [
    ("src/features.py", 21, "def make_preprocessor("),
    ("src/features.py", 25, '("volume", MinMaxScaler(clip=True), VOLUME),'),
    ("src/features.py", 26, '("mix", MinMaxScaler(clip=True), MIX),'),
]
LOCATION_CHECKS = [
    {"contains": "overlaps lines 25–26", "file": "src/features.py", "lines": [25, 26], "function": "make_preprocessor"},
]
EXTRA_CHECKS = [
    # Decides the LOCALIZATION line "No location blames the time-based split, the back-test, the ridge model or
    # `add_features`".
    {"type": "LOCALIZATION", "contains": "No location blames the time-based split", "check": "locations_avoid",
     "args": {"path": "response/report.json", "avoid": [
         {"file": "src/forecast.py", "lines": [38, 39]},  # train/test by date < / >= cutoff
         {"file": "src/forecast.py", "lines": [43, 46]},  # cross_val_score with TimeSeriesSplit (back-test)
         {"file": "src/forecast.py", "lines": [28, 28]},  # build_model: Ridge(alpha=alpha)
         {"file": "src/features.py", "lines": [14, 18]},  # add_features
     ]}},
]

# measure.py, 12 data seeds (0-11; seed 2 ships), default alpha 0.1
REFERENCE = {
    "buggy": {"test_mae": "38.27 +/- 7.63 (29.2-53.4)", "busiest_days_mae": "125.89 +/- 37.09 (71.7-194.9)",
              "test_mape": "3.53 +/- 0.59", "test_bias": "-26.43 +/- 8.90", "backtest_mae": "18.91 +/- 0.98"},
    "fixed": {"test_mae": "16.48 +/- 0.69 (15.8-18.0)", "busiest_days_mae": "19.27 +/- 2.68 (16.1-24.2)",
              "test_mape": "1.89 +/- 0.08", "test_bias": "-0.41 +/- 2.27", "backtest_mae": "16.00 +/- 0.59"},
    "shipped_seed_2": {"buggy": {"test_mae": 30.2, "busiest_days_mae": 90.9, "test_mape": 2.89, "test_bias": -16.6,
                                 "backtest_mae": 19.9},
                       "fixed": {"test_mae": 15.8, "busiest_days_mae": 18.1, "test_mape": 1.83, "test_bias": 2.4,
                                 "backtest_mae": 16.3},
                       "fixed_with_standard_scaler": {"test_mae": 13.6, "busiest_days_mae": 15.3}},
}

VERIFY_EXPECTED = {
    "script": "response/revised_code.py",
    "bands": {"test_mae": [12.0, 22.0], "busiest_days_mae": [12.0, 30.0]},
}


def _replace(src: str, old: str, new: str) -> str:
    assert old in src, old
    return src.replace(old, new)


def inline(files: dict[str, str], features_src: str | None = None, forecast_src: str | None = None) -> str:
    """features.py + forecast.py as one standalone script."""
    feats = features_src if features_src is not None else files["src/features.py"]
    fc = forecast_src if forecast_src is not None else files["src/forecast.py"]
    fc = _replace(fc, "sys.path.insert(0, str(Path(__file__).resolve().parent))\n", "")
    fc = _replace(fc, "from features import FEATURES, TARGET, add_features, make_preprocessor  # noqa: E402\n", "")
    body = feats.split('"""', 2)[2]
    return _replace(fc, "\nDATA = Path", body + "\n\nDATA = Path")


def _quantile(files: dict[str, str]) -> str:
    feats = files["src/features.py"].replace("from sklearn.preprocessing import MinMaxScaler",
                                             "from sklearn.preprocessing import MinMaxScaler, QuantileTransformer")
    feats = _replace(feats, '("volume", MinMaxScaler(clip=True), VOLUME),', '("volume", QuantileTransformer(n_quantiles=100), VOLUME),')
    feats = _replace(feats, '("mix", MinMaxScaler(clip=True), MIX),', '("mix", QuantileTransformer(n_quantiles=100), MIX),')
    return inline(files, feats)


def _refit_on_test(files: dict[str, str]) -> str:
    feats = files["src/features.py"].replace("MinMaxScaler(clip=True)", "MinMaxScaler()")
    fc = _replace(files["src/forecast.py"], "    pred = model.predict(test[FEATURES])\n",
                  "    model.named_steps[\"prep\"].fit(test[FEATURES])\n    pred = model.predict(test[FEATURES])\n")
    return inline(files, feats, fc)


def _boosting(files: dict[str, str]) -> str:
    fc = _replace(files["src/forecast.py"], "from sklearn.linear_model import Ridge\n",
                  "from sklearn.ensemble import HistGradientBoostingRegressor\n")
    fc = _replace(fc, '("ridge", Ridge(alpha=alpha))', '("gbm", HistGradientBoostingRegressor(max_iter=200, random_state=0))')
    return inline(files, None, fc)


BAD_VARIANTS = {
    "original_inlined": lambda files: inline(files),
    "quantile_transformer": _quantile,
    "refit_scaler_on_test_period": _refit_on_test,
    "gradient_boosting_instead": _boosting,
}


def generate(seed: int):
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(seed)
    days = pd.date_range("2023-01-02", periods=728, freq="D")
    t = np.arange(len(days)) / 365.0
    weekend = (days.dayofweek.to_numpy() >= 5).astype(int)
    season = 1 + 0.12 * np.sin(2 * np.pi * (days.dayofyear.to_numpy() - 300) / 365.0)
    promo = (rng.random(len(days)) < 0.08).astype(int)
    base = 1700 * np.exp(0.70 * t) * season * (1 - 0.35 * weekend) * (1 + 0.25 * promo)
    orders = np.round(base * rng.lognormal(0, 0.06, len(days))).astype(int)
    lines = np.round(rng.normal(2.3, 0.25, len(days)) + 0.3 * promo, 2)
    multi = np.round(np.clip(rng.normal(0.38, 0.06, len(days)), 0.1, 0.8), 3)
    temp = np.round(np.clip(rng.normal(0.18, 0.07, len(days)) + 0.1 * promo, 0, 0.7), 3)
    returns = np.round(orders * np.clip(rng.normal(0.06, 0.015, len(days)), 0.01, 0.2)).astype(int)
    hours = (0.055 * orders * lines + 0.09 * returns + 180 * multi + 120 * temp + 60 * weekend + 95
             + rng.normal(0, 18, len(days)))
    return pd.DataFrame({"date": days.strftime("%Y-%m-%d"), "orders": orders, "lines_per_order": lines,
                         "multi_item_share": multi, "temp_staff_share": temp, "returns_received": returns,
                         "is_weekend": weekend, "promo_day": promo, "labour_hours": np.round(hours, 1)})


def make_data(files_dir: Path, seed: int = 2) -> None:
    (files_dir / "data").mkdir(parents=True, exist_ok=True)
    generate(seed).to_csv(files_dir / "data" / "daily_operations.csv", index=False)
