"""Automatic fixes for what the detectors find, where a fix is mechanical and safe.

``propose_fix(source, findings)`` takes the most confident finding's bug code and applies the
fixes it knows for findings of that code (re-detecting after each one, at most a few
rounds). It edits the source text in place (comments and layout survive) and returns the
revised source, or None when it knows no safe fix. Known fixes:

    fit-before-split / resample-before-split  move the split before the fitting steps: fit
        on the training part, transform() the test part (same function, straight-line code)
    fit-outside-cv         cross-validate ``make_pipeline(<preprocessing>, <model>)`` on raw data
    split-not-stratified, accuracy-on-imbalanced, imbalance-unhandled
                           ``stratify=y`` and ``class_weight="balanced"``
    scaler-refit-on-test, encoder-refit-on-test, fit-on-test
                           refit on test → ``transform`` with the encoder/scaler fitted on train
    get-dummies-separate   reindex the test dummies to the training columns
    model-fit-on-test, eval-on-train  use the train/test counterpart variable
    target-in-features     drop the target column from the features
    no-scaling             ``make_pipeline(StandardScaler(), <model>)``
    hyper-parameter rules  a sane value for the offending argument (max_depth, C, alpha, …)
    outlier-filter-on-test drop the statement that filters test rows
    sentinel-unhandled     ``df = df.replace(<sentinel>, np.nan).dropna()`` after loading

Helpers in another function (the fit inside ``preprocess()``) are not rewritten: None.
"""

from __future__ import annotations

import ast

from mle_env.agents.detectors import Finding, detect

from .leakage import fix_combined, fix_fit_before_split, fix_outside_cv, fix_resample_test
from .other import (
    fix_dummies,
    fix_drop_test_filter,
    fix_no_scaling,
    fix_nonlinear,
    fix_refit,
    fix_sentinel,
    fix_swap,
    fix_target_in_features,
    fix_unscaled_test,
)
from .params import HPARAMS, fix_hparams, fix_imbalance


def parses(text: str | None) -> bool:
    try:
        return text is not None and bool(ast.parse(text) or True)
    except SyntaxError:
        return False


def propose_fix(source: str, findings: list[Finding]) -> str | None:
    """The revised source fixing the top finding's bug, or None when no safe fix is known."""
    if not findings or not parses(source):
        return None
    ranked = sorted(findings, key=lambda f: (-f.confidence, f.line))
    code, filename = ranked[0].code, ranked[0].file
    current, changed = source, False
    for _ in range(4):
        pool = ranked if not changed else detect(current, filename)
        for f in (f for f in pool if f.code == code and f.file == filename):
            fixer = FIXERS.get(f.rule)
            new = fixer(current, ast.parse(current), f) if fixer else None
            if new and new != current and parses(new):
                current, changed = new, True
                break
        else:
            break
    return current if changed else None


FIXERS = {
    "resample-test-set": fix_resample_test,
    "inconsistent-scaling": fix_unscaled_test,
    "fit-before-split": fix_fit_before_split,
    "resample-before-split": fix_fit_before_split,
    "fit-outside-cv": fix_outside_cv,
    "fit-on-train-and-test": fix_combined,
    "fit-on-test": fix_refit,
    "scaler-refit-on-test": fix_refit,
    "encoder-refit-on-test": fix_refit,
    "model-fit-on-test": fix_swap,
    "eval-on-train": fix_swap,
    "target-in-features": fix_target_in_features,
    "get-dummies-separate": fix_dummies,
    "split-not-stratified": fix_imbalance,
    "accuracy-on-imbalanced": fix_imbalance,
    "imbalance-unhandled": fix_imbalance,
    "no-scaling": fix_no_scaling,
    "linear-on-nonlinear": fix_nonlinear,
    "outlier-filter-on-test": fix_drop_test_filter,
    "sentinel-unhandled": fix_sentinel,
    **{rule: fix_hparams for rule in HPARAMS},
}
