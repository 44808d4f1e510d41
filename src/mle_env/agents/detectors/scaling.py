"""SCALING_ERROR: features (or the target) scaled wrongly, inconsistently, or not at all.

Rules
    scaler-refit-on-test   a scaler fitted on train and *again* on test (``fit_transform(X_test)``),
                           so train and test are scaled with different parameters
    inconsistent-scaling   the model is fitted on scaled data but predicts on unscaled test
                           data (or the other way round)
    test-stats-scaling     test features standardised with the test set's own mean/std/min/max
    scaled-target          a scaler fitted on the label of a classifier (or a regression target
                           never transformed back)
    no-scaling             a scale-sensitive model (kNN, SVM, MLP, k-means, PCA, penalised
                           linear) with no scaling anywhere; more confident when the code shows
                           features of very different ranges
"""

from __future__ import annotations

import ast

from . import catalog as C
from .base import Finding, call_tail, finding, number
from .data import Evidence
from .flow import Event
from .leakage import on_test_rows
from .program import Analysis

CODE = "SCALING_ERROR"
WIDE = {
    "income",
    "salary",
    "price",
    "revenue",
    "population",
    "balance",
    "amount",
    "sqft",
    "area",
    "loan",
    "sales",
    "cost",
    "spend",
    "spending",
    "charges",
    "mileage",
    "distance",
    "volume",
    "proline",
}
NARROW = {"age", "rate", "ratio", "pct", "percent", "rooms", "count", "years", "tenure", "bmi", "score", "hue"}


def check(an: Analysis, data: Evidence | None = None) -> list[Finding]:
    out: list[Finding] = []
    fits = an.events("fit")
    for ev in fits:
        if ev.est_kind == "scaler" and on_test_rows(ev) and not ev.target_like:
            trained = "each" in ev.roles or any(e.est_kind == "scaler" and "train" in e.roles for e in fits)
            if trained:
                out.append(
                    finding(
                        CODE,
                        "scaler-refit-on-test",
                        ev.loc,
                        f"{ev.name}.{ev.method}() is fitted again on the test rows, so test features "
                        "are scaled with different parameters than the ones the model was trained on.",
                        0.85,
                        f"Fit {ev.name} once on the training rows and call transform() (not "
                        "fit_transform()) on the test rows.",
                    )
                )
        if ev.est_kind == "scaler" and ev.target_like:
            out += scaled_target(an, ev)
    out += inconsistent(an)
    out += test_stats(an)
    out += no_scaling(an)
    return out


def scaled_target(an: Analysis, ev: Event) -> list[Finding]:
    classifier = any(C.is_classifier(c) for c in an.classes)
    if classifier:
        conf = 0.75
        msg = (
            f"{ev.name} is fitted on the class labels: scaling the target of a classifier turns labels into "
            "arbitrary floats."
        )
    elif an.uses("inverse_transform", "TransformedTargetRegressor"):
        return []
    else:
        conf = 0.5
        msg = (
            f"{ev.name} is fitted on the target and predictions are never transformed back, so errors are "
            "reported in scaled units."
        )
    return [
        finding(
            CODE,
            "scaled-target",
            ev.loc,
            msg,
            conf,
            "Scale only the features; leave the target as is (or inverse_transform the predictions).",
        )
    ]


def inconsistent(an: Analysis) -> list[Finding]:
    out = []
    for p in an.events("predict"):
        o = p.obj
        if o is None or not p.data.roles & {"test", "each"}:
            continue
        before = [f for f in o.fits if f.order < p.order]
        if not before:
            continue
        fitted = "scaler" in before[-1].data.kinds
        if fitted != ("scaler" in p.data.kinds):
            how = (
                "scaled training data but predicts on unscaled test data"
                if fitted
                else "unscaled data but predicts on scaled test data"
            )
            out.append(
                finding(
                    CODE,
                    "inconsistent-scaling",
                    p.loc,
                    f"the model {o.cls} is fitted on {how}, so it sees test features on another scale.",
                    0.8,
                    "Apply the same fitted scaler to the test features before predicting (or use a Pipeline).",
                )
            )
    return out


def test_stats(an: Analysis) -> list[Finding]:
    out, seen = [], set()
    for p in an.events("predict"):
        for f in p.data.fits:
            if f.est_kind == "stat" and on_test_rows(f) and id(f) not in seen and not in_fillna(an, f):
                seen.add(id(f))
                out.append(
                    finding(
                        CODE,
                        "test-stats-scaling",
                        f.loc,
                        f"the test features are scaled with the test set's own {f.name}(), not with the "
                        "training statistics the model was fitted with.",
                        0.7,
                        "Compute the scaling statistics on the training rows and reuse them for the test rows.",
                    )
                )
    return out


def in_fillna(an: Analysis, ev: Event) -> bool:
    src = next(s for s in an.sources if s.file == ev.loc.file)
    parent = src.parent(ev.node)
    return isinstance(parent, ast.Call) and call_tail(parent) in ("fillna", "replace")


def has_scaling(an: Analysis) -> bool:
    if an.uses(*C.SCALERS, *C.SCALE_FUNCS, "normalize", "Normalizer", "StandardScaler"):
        return True
    for src in an.sources:
        for node in ast.walk(src.tree):
            if isinstance(node, (ast.BinOp, ast.AugAssign)) and isinstance(node.op, ast.Div):
                right = node.right if isinstance(node, ast.BinOp) else node.value
                if any(
                    isinstance(c, ast.Call) and call_tail(c) in ("std", "max", "ptp", "norm", "sqrt", "var")
                    for c in ast.walk(right)
                ):
                    return True
                v = number(right, src.consts)
                if v is not None and v >= 10:
                    return True
    return False


def range_evidence(an: Analysis) -> float:
    """How strongly the code itself shows features of very different ranges (0 … 0.3)."""
    mags, score = [], 0.0
    for src in an.sources:
        for node in ast.walk(src.tree):
            if isinstance(node, ast.Call) and call_tail(node) in (
                "normal",
                "uniform",
                "randint",
                "integers",
                "exponential",
                "poisson",
                "gamma",
            ):
                vals = [number(a, src.consts) for a in node.args[:2]]
                vals += [
                    number(k.value, src.consts)
                    for k in node.keywords
                    if k.arg in ("loc", "scale", "low", "high", "lam")
                ]
                vals = [abs(v) for v in vals if v is not None and v != 0]
                if vals:
                    mags.append(max(vals))
            elif isinstance(node, (ast.BinOp, ast.AugAssign)) and isinstance(node.op, ast.Mult):
                sides = (node.left, node.right) if isinstance(node, ast.BinOp) else (node.target, node.value)
                if any(isinstance(s, ast.Subscript) for s in sides) and any(
                    (number(s, src.consts) or 0) >= 100 for s in sides
                ):
                    score = max(score, 0.25)
    if len(mags) >= 2 and max(mags) / min(mags) >= 100:
        score = max(score, 0.25)
    if an.uses("load_wine", "load_breast_cancer", "fetch_california_housing", "fetch_openml"):
        score = max(score, 0.2)
    words = {
        w
        for src in an.sources
        for n in ast.walk(src.tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str)
        for w in n.value.lower().replace("-", "_").split("_")
    }
    if words & WIDE and words & NARROW:
        score = max(score, 0.15)
    if not score and an.uses(
        "make_classification", "make_blobs", "make_moons", "make_circles", "load_iris", "load_digits", "make_regression"
    ):
        score = -0.15
    return score


def no_scaling(an: Analysis) -> list[Finding]:
    if has_scaling(an):
        return []
    strong = (
        C.KNN
        | (C.SVM - {"LinearSVC", "LinearSVR"})
        | C.MLP
        | {"KMeans", "MiniBatchKMeans", "DBSCAN", "KernelRidge", "PCA", "SGDClassifier", "SGDRegressor"}
    )
    weak = C.PENALISED_LINEAR | {"LinearSVC"}
    for names, base in ((strong, 0.45), (weak, 0.3)):
        hits = sorted(
            ((call.lineno, src.file, cls, src, call) for cls in names for src, call in an.classes.get(cls, [])),
            key=lambda h: (h[1], h[0]),
        )
        if hits:
            _, _, cls, src, call = hits[0]
            conf = min(0.75, base + range_evidence(an))
            if conf <= 0.1:
                return []
            return [
                finding(
                    CODE,
                    "no-scaling",
                    src.loc(call),
                    f"{cls} depends on the features' ranges (distances, gradients or penalties), but no "
                    "feature is scaled anywhere: features with large values dominate.",
                    conf,
                    f"Put a StandardScaler before {cls} in a Pipeline (fitted on the training rows).",
                )
            ]
    return []
