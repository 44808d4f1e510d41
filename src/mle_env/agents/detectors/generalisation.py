"""OVERFITTING and UNDERFITTING judged from how the model is evaluated and what the data
looks like, rather than from one constructor (those rules are in ``capacity``).

Rules
    eval-on-train        OVERFITTING: the only reported scores are computed on the training
                         rows (or on all rows, with no split at all)
    linear-on-nonlinear  UNDERFITTING: only linear models, on moons/circles or a target
                         built with sin/exp/x^2
"""

from __future__ import annotations

import ast

from . import catalog as C
from .base import Finding, call_tail, finding, is_target_name, number
from .data import Evidence
from .program import Analysis

OVER, UNDER = "OVERFITTING", "UNDERFITTING"


def check(an: Analysis, data: Evidence | None = None) -> list[Finding]:
    return eval_on_train(an) + linear_on_nonlinear(an) + selected_on_train(an)


def selected_on_train(an: Analysis) -> list[Finding]:
    """Hyper-parameters ranked by the training score of a search (``mean_train_score``)."""
    out = []
    for src in an.sources:
        for call in src.calls():
            if call_tail(call) in ("sort_values", "idxmax", "argmax", "nlargest", "max") and any(
                isinstance(n, ast.Constant) and n.value == "mean_train_score"
                for a in [*call.args, *(k.value for k in call.keywords), call.func]
                for n in ast.walk(a)
            ):
                out.append(
                    finding(
                        OVER,
                        "select-by-train-score",
                        src.loc(call),
                        "the hyper-parameters are chosen by their score on the training folds "
                        "(mean_train_score): that favours the most flexible setting, the one that "
                        "memorises the training rows best.",
                        0.7,
                        "Rank candidates by mean_test_score (the validation folds), i.e. search.best_params_.",
                    )
                )
    return out[:1]


def eval_on_train(an: Analysis) -> list[Finding]:
    metrics = an.events("metric")
    honest = [m for m in metrics if m.data.roles & {"test", "cv", "each"}]
    on_train = [m for m in metrics if "train" in m.data.roles and not m.data.roles & {"test", "cv", "each"}]
    if honest or not metrics:
        return []
    if not on_train:
        splits = an.events("split")
        fitted_full = [e for e in an.events("fit") if e.est_kind == "model" and "full" in e.roles]
        on_train = [m for m in metrics if "full" in m.data.roles] if fitted_full and not splits else []
    if not on_train:
        return []
    m = on_train[0]
    return [
        finding(
            OVER,
            "eval-on-train",
            m.loc,
            "the only reported score is computed on the rows the model was trained on, so it measures "
            "memorisation, not generalisation, and hides overfitting.",
            0.6,
            "Hold out a test split (or use cross_val_score) and report the score on unseen rows.",
        )
    ]


def linear_on_nonlinear(an: Analysis) -> list[Finding]:
    models = [c for c in an.classes if C.kind_of(c) == "model"]
    if not models or any(c not in C.LINEAR for c in models):
        return []
    if an.uses("PolynomialFeatures", "SplineTransformer", "Nystroem", "RBFSampler", "KernelCenterer"):
        return []
    conf = 0.6 if an.uses("make_moons", "make_circles", "make_swiss_roll", "make_friedman1") else 0.0
    if not conf:
        for src in an.sources:
            for node in ast.walk(src.tree):
                if isinstance(node, ast.Assign) and any(
                    isinstance(t, ast.Name) and is_target_name(t.id) for t in node.targets
                ):
                    if any(
                        isinstance(c, ast.Call) and call_tail(c) in ("sin", "cos", "exp", "tanh")
                        for c in ast.walk(node.value)
                    ) or any(
                        isinstance(b, ast.BinOp) and isinstance(b.op, ast.Pow) and (number(b.right) or 0) >= 2
                        for b in ast.walk(node.value)
                    ):
                        conf = 0.5
    if not conf:
        return []
    src, call = sorted((sc for c in models for sc in an.classes[c]), key=lambda sc: (sc[0].file, sc[1].lineno))[0]
    return [
        finding(
            UNDER,
            "linear-on-nonlinear",
            src.loc(call),
            f"{src.cls(call.func)} can only draw a linear boundary/trend, but the data is clearly non-linear "
            "(moons/circles or a sin/exp/x^2 target).",
            conf,
            "Use a non-linear model (gradient boosting, RBF SVM, kNN) or add polynomial/spline features.",
        )
    ]
