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
from .base import Finding, call_tail, dotted, finding, kwarg, number
from .data import Evidence
from .flow import Event
from .leakage import on_test_rows
from .program import Analysis

CODE = "SCALING_ERROR"
WIDE = set(
    "income salary price revenue population balance amount sqft area loan "
    "sales cost spend spending charges mileage distance volume proline".split()
)
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
        if ev.est_kind == "scaler" and ev.target_like and not inside(an, ev, mask=True):
            out += scaled_target(an, ev)
    out += inconsistent(an)
    out += test_stats(an)
    out += no_scaling(an, data)
    out += refit_per_dataset(an) + refit_at_inference(an) + row_normalized(an, data) + clipped_range(an)
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
        before = [f for f in o.fits if f.order < p.order] if o is not None else []
        if not before:
            continue
        other = p.data.roots and not p.data.roots & before[-1].data.roots  # another file: evaluation rows
        if not (p.data.roles & {"test", "each"} or other):
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
        for f in sorted(p.data.fits, key=lambda e: e.order):  # a frozenset: iterate in program order
            if (
                f.est_kind == "stat"
                and on_test_rows(f)
                and id(f) not in seen
                and not in_fillna(an, f)
                and f.name not in ("quantile", "percentile", "nanpercentile", "nanquantile")
                and not inside(an, f, ("clip",))
            ):
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


def inside(an: Analysis, ev: Event, calls: tuple[str, ...] = (), mask: bool = False, depth: int = 5) -> bool:
    """Whether the event's expression sits (a few levels up) in a call named in ``calls``, or in a
    comparison when ``mask`` (``abs(zscore(y)) < 3`` selects rows, it scales nothing)."""
    src = next((s for s in an.sources if s.file == ev.loc.file), None)
    node: ast.AST | None = ev.node
    for _ in range(depth):
        node = src.parent(node) if src is not None and node is not None else None
        if node is None or isinstance(node, ast.stmt):
            return False
        if (isinstance(node, ast.Call) and call_tail(node) in calls) or (mask and isinstance(node, ast.Compare)):
            return True
    return False


def in_fillna(an: Analysis, ev: Event) -> bool:
    src = next(s for s in an.sources if s.file == ev.loc.file)
    parent = src.parent(ev.node)
    return isinstance(parent, ast.Call) and call_tail(parent) in ("fillna", "replace")


def has_scaling(an: Analysis) -> bool:
    if an.uses(*C.SCALERS, *C.SCALE_FUNCS, "normalize", "Normalizer", "StandardScaler"):
        return True
    for src in an.sources:
        for node in src.nodes:
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
        for node in src.nodes:
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
        for n in src.nodes
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


def no_scaling(an: Analysis, data: Evidence | None = None) -> list[Finding]:
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
            ratio = data_ranges(an, data)
            if ratio is None:
                conf = min(0.75, base + range_evidence(an))
            else:  # the data decides: features of very different spreads, or all alike
                conf = base + (0.3 if ratio >= 30 else 0.15 if ratio >= 10 else -0.3) * (1 if base > 0.4 else 0.5)
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


def used_columns(an: Analysis, data: Evidence) -> list:
    """Numeric feature columns of the read tables that the code names (all of them when it
    selects features by dropping columns)."""
    text = "\n".join(s.text for s in an.sources)
    everything = ".drop(" in text
    return [
        c
        for c in data.features()
        if c.kind == "num" and c.n_unique >= 2 and (everything or f'"{c.name}"' in text or f"'{c.name}'" in text)
    ]


def data_ranges(an: Analysis, data: Evidence | None) -> float | None:
    """Widest over narrowest spread (p1 to p99) of the numeric features the code uses, or None."""
    if not data:
        return None
    spreads: list[float] = [c.p99 - c.p01 if c.p99 > c.p01 else c.hi - c.lo for c in used_columns(an, data)]
    spreads = [s for s in spreads if s > 0]
    return max(spreads) / min(spreads) if len(spreads) >= 2 else None


def refit_per_dataset(an: Analysis) -> list[Finding]:
    """The rows a model predicts went through a scaler fitted anew on them (a ``standardize(df)``
    helper that builds its own scaler, called once for the training and once for the new rows)."""
    out, seen = [], set()
    for p in an.events("predict"):
        before = [f for f in p.obj.fits if f.order < p.order] if p.obj is not None else []
        if not before:
            continue
        trained = {f for f in before[-1].data.fits if f.est_kind == "scaler"}
        fresh = [
            f
            for f in sorted(p.data.fits, key=lambda e: e.order)
            if f.est_kind == "scaler" and f not in trained and not f.target_like
        ]
        if trained and fresh and all(f.order > max(t.order for t in trained) for f in fresh):
            f = fresh[0]
            if (f.loc.file, f.loc.line) in seen:
                continue
            seen.add((f.loc.file, f.loc.line))
            out.append(refit_finding(f.name, f.loc, "the rows the model predicts"))
    return out


def refit_finding(name: str, loc, rows: str) -> Finding:
    return finding(
        CODE,
        "scaler-refit-on-test",
        loc,
        f"{name} is fitted anew on {rows}, so they are scaled with their own statistics, not with the "
        "parameters the model was trained with.",
        0.75,
        f"Fit {name} once on the training rows, keep it (with the model) and only transform() new rows.",
    )


def refit_at_inference(an: Analysis) -> list[Finding]:
    """A function that loads (or receives) a trained model and scales the incoming batch with a
    scaler fitted on that batch."""
    out = []
    for src in an.sources:
        for fn in src.nodes:
            if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            calls = [c for c in ast.walk(fn) if isinstance(c, ast.Call)]
            fitted = {
                dotted(c.func.value) for c in calls if isinstance(c.func, ast.Attribute) and call_tail(c) == "fit"
            }
            predicts = [
                c for c in calls
                if call_tail(c) in ("predict", "predict_proba", "decision_function")
                and isinstance(c.func, ast.Attribute) and dotted(c.func.value) not in fitted
                and not isinstance(c.func.value, ast.Call)
            ]  # fmt: skip
            scalers = [
                c for c in calls
                if call_tail(c) in ("fit", "fit_transform") and isinstance(c.func, ast.Attribute)
                and isinstance(c.func.value, ast.Call) and src.cls(c.func.value.func) in C.SCALERS
            ]  # fmt: skip
            models = [c for c in calls if C.kind_of(src.cls(c.func)) in ("model", "pipeline", "search")]
            if predicts and scalers and not models:
                name = src.cls(scalers[0].func.value.func) or "the scaler"  # type: ignore[attr-defined]
                out.append(refit_finding(name, src.loc(scalers[0]), "each new batch"))
    return out[:1]


def row_normalized(an: Analysis, data: Evidence | None) -> list[Finding]:
    """``normalize(X)`` / ``Normalizer()`` (each *row* to unit length) as the only scaling of
    tabular features for a distance model: the features keep their different ranges."""
    if an.uses(*C.SCALERS, *C.SCALE_FUNCS, *C.VECTORIZERS, "TfidfTransformer", "HashingVectorizer"):
        return []
    model = next((c for c in an.classes if c in C.SCALE_SENSITIVE | {"KMeans", "MiniBatchKMeans"}), None)
    if model is None:
        return []
    ratio = data_ranges(an, data)
    if ratio is not None and ratio < 10:
        return []
    for src in an.sources:
        for call in src.calls():
            name = src.cls(call.func)
            if name not in ("normalize", "Normalizer") or number(kwarg(call, "axis"), src.consts) == 0:
                continue
            named = any(isinstance(n, ast.Constant) and isinstance(n.value, str) for n in ast.walk(call)) or any(
                isinstance(v, (list, tuple)) and v and all(isinstance(x, str) for x in v) for v in src.consts.values()
            )
            if ratio is None and not named:
                continue  # maybe embeddings or counts, where unit-length rows are the point
            return [
                finding(
                    CODE,
                    "row-normalized",
                    src.loc(call),
                    f"{name} rescales each row to unit length, not each feature: {model} still sees the "
                    "features on their own, very different ranges (and each row's values now depend on the others).",
                    0.65,
                    f"Scale the features (columns) with StandardScaler in a Pipeline before {model}.",
                )
            ]
    return []


def clipped_range(an: Analysis) -> list[Finding]:
    """``MinMaxScaler(clip=True)`` in front of a regressor: new values beyond the training range
    are capped, so predictions saturate exactly where the values are largest."""
    if not any(C.is_regressor(c) for c in an.classes):
        return []
    for src, call in an.classes.get("MinMaxScaler", []):
        clip = kwarg(call, "clip")
        if isinstance(clip, ast.Constant) and clip.value is True:
            return [
                finding(
                    CODE,
                    "scaler-clips-range",
                    src.loc(call),
                    "MinMaxScaler(clip=True) caps every new value at the training minimum/maximum: rows beyond "
                    "the training range (growth, record days) all look alike and the regression saturates.",
                    0.6,
                    "Drop clip=True (let scaled values exceed [0, 1]) or use StandardScaler.",
                )
            ]
    return []
