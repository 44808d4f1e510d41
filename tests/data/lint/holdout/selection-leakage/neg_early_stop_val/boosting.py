"""Thin wrapper around LightGBM training used by the experiment scripts."""
import lightgbm as lgb
import numpy as np

DEFAULT_PARAMS = {
    "objective": "binary",
    "metric": "auc",
    "learning_rate": 0.03,
    "num_leaves": 31,
    "min_data_in_leaf": 40,
    "feature_fraction": 0.8,
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "lambda_l2": 1.0,
    "verbose": -1,
}


def fit_with_early_stopping(X_fit, y_fit, X_stop, y_stop, params=None, rounds=5000, patience=200):
    """Train until the AUC on (X_stop, y_stop) stops improving."""
    p = dict(DEFAULT_PARAMS, **(params or {}))
    dfit = lgb.Dataset(X_fit, y_fit)
    dstop = lgb.Dataset(X_stop, y_stop, reference=dfit)
    booster = lgb.train(
        p, dfit, num_boost_round=rounds, valid_sets=[dstop],
        callbacks=[lgb.early_stopping(patience, verbose=False), lgb.log_evaluation(500)],
    )
    return booster


def predict(booster, X):
    return booster.predict(X, num_iteration=booster.best_iteration)


def feature_importance(booster, names):
    gain = booster.feature_importance(importance_type="gain")
    order = np.argsort(gain)[::-1]
    return [(names[i], float(gain[i])) for i in order]
