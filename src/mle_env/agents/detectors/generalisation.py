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
import re
from dataclasses import replace

from . import catalog as C
from .base import Finding, call_tail, finding, is_target_name, kwarg, literal, number
from .capacity import Ctor, Values, grid_params, is_base_learner
from .data import Evidence
from .program import Analysis

OVER, UNDER = "OVERFITTING", "UNDERFITTING"


def check(an: Analysis, data: Evidence | None = None) -> list[Finding]:
    out = eval_on_train(an) + linear_on_nonlinear(an) + selected_on_train(an) + short_training_loop(an)
    return out + formula_interactions(an) + more_capacity(an)


def adjust(an: Analysis, data: Evidence | None, found: list[Finding]) -> list[Finding]:
    """Second look at the constructor findings of ``capacity``: ``max_iter=1`` is one pass of an
    incremental loop when the model is trained with ``partial_fit`` (or ``warm_start``); an
    unbounded tree is a surer overfit when the data file shows only a few thousand rows."""
    incremental = an.uses("partial_fit") or any(
        call_tail(c) == "partial_fit" or literal(kwarg(c, "warm_start")) is True for s in an.sources for c in s.calls()
    )
    rows = data.rows if data is not None and data and not data.truncated else 0
    out = []
    for f in found:
        if f.rule == "too-few-iterations" and incremental:
            continue
        if f.rule == "unpruned-tree" and f.code == OVER and 0 < rows <= 5000 and f.confidence < 0.6:
            f = replace(f, confidence=0.6, message=f"{f.message} The data file has only {rows} rows.")
        out.append(f)
    return out


def more_capacity(an: Analysis) -> list[Finding]:
    """Constructor settings judged together: boosting with no shrinkage on deep trees, huge
    LightGBM leaves, a forest of a handful of shallow trees, PCA to <= 3 components feeding a model."""
    out: list[Finding] = []
    tuned, values = grid_params(an), Values(an)
    for cls, uses in an.classes.items():
        for src, call in uses:
            if is_base_learner(src, call):
                continue
            c = Ctor(src, call, tuned, out, values)
            depth, lr, n = c.num("max_depth"), c.num("learning_rate"), c.num("n_estimators")
            if cls in C.BOOSTING and depth and 6 <= depth < 12 and (lr or 0) >= 0.5 and (n or 100) >= 300:
                c.add(OVER, "deep-boosting", 0.6,
                      f"{cls}(max_depth={depth:g}, learning_rate={lr:g}, n_estimators={n or 100:g}): every stage "
                      "fits the residuals of deep trees at full step size, so the ensemble interpolates the noise.",
                      "Use shallow trees (max_depth 3), learning_rate 0.05-0.1 and early stopping.")  # fmt: skip
            leaves = c.num("num_leaves")
            if leaves is not None and leaves >= 512 and (c.num("min_child_samples") or 20) <= 5:
                c.add(OVER, "deep-boosting", 0.6,
                      f"{cls}(num_leaves={leaves:g}) with almost no minimum leaf size grows trees that isolate "
                      "single rows.", "Use num_leaves 15-63 and min_child_samples >= 20, tuned by CV.")  # fmt: skip
            if cls in C.FORESTS and n is not None and n <= 5 and depth is not None and depth <= 3:
                c.add(UNDER, "too-few-estimators", 0.6,
                      f"{cls}(n_estimators={n:g}, max_depth={depth:g}): a handful of shallow trees cannot "
                      "fit the data.", "Use 100+ trees with depth tuned by cross-validation.")  # fmt: skip
            k = c.num("n_components", 0)
            few = k is not None and k == int(k) and 1 < k <= 3
            if cls in ("PCA", "TruncatedSVD") and few and feeds_model(src, call):
                c.add(UNDER, "too-few-features", 0.55,
                      f"{cls}(n_components={k:g}) squeezes the features into {k:g} directions before the model: "
                      "most of the information is gone.",
                      "Keep enough components for ~95% of the variance (n_components=0.95), or tune it.")  # fmt: skip
    return out


def feeds_model(src, call: ast.Call) -> bool:
    """Whether a transformer is a step of a pipeline that ends in a model."""
    p = src.parent(call)
    while p is not None and not isinstance(p, ast.Call):
        p = src.parent(p)
    if p is None or src.cls(p.func) not in ("Pipeline", "make_pipeline"):
        return False
    return any(isinstance(n, ast.Call) and C.kind_of(src.cls(n.func) or "") == "model" for n in ast.walk(p))


def short_training_loop(an: Analysis) -> list[Finding]:
    """``for epoch in range(EPOCHS)`` with EPOCHS <= 2 around optimiser steps."""
    out = []
    for src in an.sources:
        for loop in src.nodes:
            it = loop.iter if isinstance(loop, ast.For) else None
            if not (isinstance(it, ast.Call) and call_tail(it) == "range" and len(it.args) == 1):
                continue
            n = number(it.args[0], src.consts)
            if n is None or n > 2 or not any(isinstance(c, ast.Call) and call_tail(c) in ("step", "backward")
                                             for c in ast.walk(loop)):  # fmt: skip
                continue
            at = next((st for st in src.tree.body if isinstance(st, ast.Assign) and isinstance(it.args[0], ast.Name)
                       and any(isinstance(t, ast.Name) and t.id == it.args[0].id for t in st.targets)),
                      loop)  # fmt: skip
            out.append(finding(UNDER, "too-few-iterations", src.loc(at),
                f"the training loop runs {n:g} epoch(s): the network stops long before it has fitted the data.",
                0.6, "Train for many more epochs, with early stopping on a validation split."))  # fmt: skip
    return out[:1]


FORMULA_POWER = re.compile(r"\)\s*\*\*\s*(\d+)")


def formula_interactions(an: Analysis) -> list[Finding]:
    """A model formula with every interaction up to order >= 4: ``y ~ (a + b + c + d + e) ** 5``."""
    for src in an.sources:
        for node in src.nodes:
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and "~" in node.value:
                m = FORMULA_POWER.search(node.value)
                terms = node.value[: m.start()].count("+") + 1 if m else 0
                if m and int(m.group(1)) >= 4 and terms >= 4:
                    return [finding(OVER, "high-degree-poly", src.loc(node),
                        f"the formula expands {terms} variables with all interactions up to order {m.group(1)}: "
                        "more coefficients than a small table of rows can pin down.",
                        0.6, "Keep main effects and a few planned two-way interactions.")]  # fmt: skip
    return []


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
    if not on_train and not an.events("split"):
        # No split at all: a score on all rows counts only when the rows predicted are the very rows
        # the model was fitted on (the same expression), not another file or a hand-made part.
        fits = [e for e in an.events("fit") if e.est_kind == "model" and "full" in e.roles and e.extra.is_data]
        fitted = {(e.obj, rows_text(e.node)) for e in fits if rows_text(e.node)}
        preds = [p for p in an.events("predict") if (p.obj, rows_text(p.node)) in fitted]
        on_train = [
            m
            for m in metrics
            if "full" in m.data.roles and any(p.order <= m.order and p.data.roots & m.data.roots for p in preds)
        ]
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


def rows_text(node: ast.AST) -> str | None:
    """The rows a fit/predict call is given, as source text (``X``, ``df[cols]``)."""
    if not isinstance(node, ast.Call):
        return None
    arg = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg in ("X", "x")), None)
    return ast.unparse(arg) if arg is not None else None


def linear_on_nonlinear(an: Analysis) -> list[Finding]:
    models = [c for c in an.classes if C.kind_of(c) == "model"]
    if not models or any(c not in C.LINEAR for c in models):
        return []
    if an.uses("PolynomialFeatures", "SplineTransformer", "Nystroem", "RBFSampler", "KernelCenterer"):
        return []
    conf = 0.6 if an.uses("make_moons", "make_circles", "make_swiss_roll", "make_friedman1") else 0.0
    if not conf:
        for src in an.sources:
            for node in src.nodes:
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
