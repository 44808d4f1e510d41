"""OUTLIER: extreme or placeholder values mishandled.

Rules
    sentinel-unhandled          the code's comments/strings say a value like -999 or 9999 stands
                                for "missing", but the code never compares against, replaces or
                                filters that value (more confident with a squared-error model)
    outlier-filter-on-test      test rows dropped by a numeric threshold (z-score, IQR, cap): the
                                evaluation silently excludes the hard cases
    clip-with-test-stats        test values clipped to bounds computed from the test set itself
    outlier-stats-before-split  rows filtered/clipped with statistics of all rows before the
                                split (a hint). Outlier handling that uses the test rows is
                                reported as OUTLIER rather than DATA_LEAKAGE: the distortion it
                                causes is in which rows/values are evaluated.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize

from . import catalog as C
from .base import Finding, Loc, call_tail, dotted, finding, kwarg, literal, number
from .calls import is_loader
from .catalog import kind_of
from .data import Evidence
from .flow import Event
from .leakage import on_test_rows
from .program import Analysis
from .source import Source

CODE = "OUTLIER"
SENTINEL = re.compile(r"(?<![\w.])(-?9{3,}|-99)(?:\.0+)?(?![\w.])")
OUTLIER_STATS = {"quantile", "percentile", "nanpercentile", "nanquantile", "std", "nanstd", "mean", "median", "var"}
CONTEXT = re.compile(
    r"missing|sentinel|placeholder|unknown|invalid|error|fail|n/a|not available|no reading|"
    r"not recorded|default|dummy|unmeasured|absent|null|nan|code",
    re.IGNORECASE,
)
SQUARED = {"LinearRegression", "Ridge", "mean_squared_error", "root_mean_squared_error", "SGDRegressor"}


def check(an: Analysis, data: Evidence | None = None) -> list[Finding]:
    out = sentinels(an) + data_sentinels(an, data) + constant_fill(an) + detector_on_eval(an) + quartile_clip(an)
    out += data_values(an, data)
    splits = an.events("split")
    for ev in an.events("filter", "clip"):
        stats = [f for f in ev.extra.fits if f.est_kind == "stat" and f.name in OUTLIER_STATS]
        if on_test_rows(ev) and ev.kind == "filter" and (stats or numeric_mask(ev)):
            out.append(
                finding(
                    CODE,
                    "outlier-filter-on-test",
                    ev.loc,
                    "test rows are dropped by a numeric threshold: the evaluation silently excludes "
                    "the extreme cases the model will meet in practice, so the score is optimistic.",
                    0.7,
                    "Keep every test row; handle outliers with a transformation fitted on the "
                    "training rows (e.g. clip to training quantiles).",
                )
            )
        elif on_test_rows(ev) and ev.kind == "clip" and any(on_test_rows(f) or "test" in f.roles for f in stats):
            out.append(
                finding(
                    CODE,
                    "clip-with-test-stats",
                    ev.loc,
                    "test values are clipped to bounds computed from the test set itself.",
                    0.65,
                    "Compute the clipping bounds on the training rows and reuse them for the test rows.",
                )
            )
        elif (
            "full" in ev.roles
            and any("full" in f.roles for f in stats)
            and any(s.order > ev.order and s.data.roots & ev.data.roots and s.loc.line != ev.loc.line for s in splits)
        ):
            dropped = ev.kind == "filter" and numeric_mask(ev)
            out.append(
                finding(
                    CODE,
                    "outlier-stats-before-split",
                    ev.loc,
                    "outliers are filtered/clipped with statistics of all rows, test rows included, before the split"
                    + (": the test split no longer holds the extreme cases the model will meet." if dropped else "."),
                    0.6 if dropped else 0.35,
                    "Split first; compute outlier bounds on the training rows only.",
                )
            )
    return out


def numeric_mask(ev: Event) -> bool:
    """A row mask that is a numeric threshold (``x > 3``, ``between``, ``abs(z)``) or an outlier
    detector's verdict (``iso.predict(X) == 1``); an equality with a label value is not one."""
    sl = ev.node.slice if isinstance(ev.node, ast.Subscript) else None
    if sl is None:
        return False
    for n in ast.walk(sl):
        if isinstance(n, ast.Compare) and any(number(c) is not None for c in [n.left, *n.comparators]):
            if any(isinstance(op, (ast.Lt, ast.Gt, ast.LtE, ast.GtE)) for op in n.ops):
                return True
            if any(isinstance(c, ast.Call) and call_tail(c) in ("predict", "fit_predict") for c in [n.left]):
                return True
        if isinstance(n, ast.Call) and call_tail(n) in ("between", "zscore", "abs"):
            return True
    return False


def mentions(src: Source) -> list[tuple[int, float]]:
    """(line, value) of sentinel-looking numbers in comments and string literals."""
    found = []
    try:
        for tok in tokenize.generate_tokens(io.StringIO(src.text).readline):
            if tok.type == tokenize.COMMENT:
                if CONTEXT.search(tok.string):
                    found += [(tok.start[0], float(m.group(1))) for m in SENTINEL.finditer(tok.string)]
    except (tokenize.TokenError, IndentationError, SyntaxError):
        pass
    for node in src.nodes:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            for line_no, line in enumerate(node.value.splitlines(), node.lineno):
                if CONTEXT.search(line):
                    found += [(line_no, float(m.group(1))) for m in SENTINEL.finditer(line)]
    return found


def code_numbers(src: Source) -> set[float]:
    out = set()
    for node in src.nodes:
        v = number(node) if isinstance(node, (ast.Constant, ast.UnaryOp)) else None
        if v is not None:
            out.add(abs(v))
    return out


def sentinels(an: Analysis) -> list[Finding]:
    handled = set().union(*(code_numbers(s) for s in an.sources))
    squared = an.uses(*SQUARED)
    out = []
    for src in an.sources:
        loaders = sorted(
            (
                c
                for c in src.calls()
                if (call_tail(c) or "").startswith("read_")
                or (is_loader(call_tail(c) or "") and (call_tail(c) or "").startswith("load"))
            ),
            key=lambda c: c.lineno,
        )
        if not loaders and not any(kind_of(src.cls(c.func)) == "model" for c in src.calls()):
            continue  # not code that loads data or fits a model
        missing = [(line, v) for line, v in mentions(src) if abs(v) not in handled]
        if not missing:
            continue
        line, value = missing[0]
        loc = src.loc(loaders[0]) if loaders else Loc(src.file, line, line, src.function_at(line))
        out.append(
            finding(
                CODE,
                "sentinel-unhandled",
                loc,
                f"the code's own notes say {value:g} is a placeholder value (line {line}), but it is "
                "never filtered or replaced: the model trains on it as a real, extreme value"
                + (" and a squared-error fit is pulled towards it." if squared else "."),
                0.65 if squared else 0.55,
                f"Replace {value:g} with NaN (df.replace({value:g}, np.nan)) and impute it, or drop those rows.",
            )
        )
    return out


SENSITIVE = {
    "LinearRegression",
    "Ridge",
    "Lasso",
    "ElasticNet",
    "SGDRegressor",
    "LogisticRegression",
    "SVR",
    "SVC",
    "KNeighborsRegressor",
    "KNeighborsClassifier",
    "MLPRegressor",
    "MLPClassifier",
    "KMeans",
    "HuberRegressor",
}


def data_sentinels(an: Analysis, data: Evidence | None) -> list[Finding]:
    """Placeholder codes (999, -9999, -1 in a positive column) seen in the data file and never
    compared against, replaced or filtered in the code, in a column the code uses."""
    if not data:
        return []
    handled = set().union(*(code_numbers(s) for s in an.sources))
    text = "\n".join(s.text for s in an.sources)
    target = data.target.name if data.target is not None else None
    sensitive = [c for c in an.classes if c in SENSITIVE]
    regressor = any(kind_of(c) == "model" and not c.endswith("Classifier") for c in an.classes)
    out = []
    for col in ([data.target] if data.target is not None else []) + data.features():
        if col is None or not col.sentinels or (col.name != target and f"{col.name}" not in text):
            continue
        value, rows = col.sentinels[0]
        if abs(value) in handled or (value == -1 and "< 0" in text):
            continue
        if col.name == target and regressor:
            conf = 0.7
        elif col.name != target and sensitive:
            conf = 0.6
        else:
            continue
        read = next((r for r in data.reads if r.table is not None and col.name in r.table.columns), None)
        if read is None:
            continue
        out.append(
            finding(
                CODE,
                "data-sentinel",
                read.src.loc(read.node),
                f"column {col.name!r} of {read.path} holds the placeholder value {value:g} in {rows} rows, far "
                f"outside its other values ({col.lo:g} to {col.hi:g}), and the code never filters or replaces "
                "it: the model fits those rows as real, extreme values.",
                conf,
                f"Treat {value:g} in {col.name!r} as missing (replace with NaN, then drop or impute on the "
                "training rows).",
            )
        )
    return out[:2]


# --- patterns added: a placeholder the code itself writes, detectors and clips on the wrong rows, and
# --- what the data shows (codes at the edge of a column, zeros that mean missing, heavy tails) -------

DETECTORS = {"IsolationForest", "LocalOutlierFactor", "EllipticEnvelope", "OneClassSVM"}
# Models whose fit is pulled by extreme feature values (no trees: a split does not care how far).
VALUE_SENSITIVE = C.LINEAR | C.KNN | C.SVM | C.MLP | {"KernelRidge", "KMeans", "MiniBatchKMeans", "PCA"}
ROBUST = {
    "log", "log1p", "log10", "log2", "sqrt", "cbrt", "boxcox", "yeojohnson", "arcsinh", "PowerTransformer",
    "QuantileTransformer", "clip", "winsorize", "HuberRegressor", "RANSACRegressor", "TheilSenRegressor",
    "QuantileRegressor", "KBinsDiscretizer", "TransformedTargetRegressor", "quantile_transform", "power_transform",
}  # fmt: skip


def sensitive_models(an: Analysis) -> list[tuple[str, Source, ast.Call]]:
    hits = [(c, s, n) for c in an.classes if c in VALUE_SENSITIVE for s, n in an.classes[c]]
    return sorted(hits, key=lambda h: (h[1].file, h[2].lineno))


def constant_fill(an: Analysis) -> list[Finding]:
    """``fillna(-999)`` / ``SimpleImputer(fill_value=-999)`` in front of a distance/linear model:
    the code itself writes a placeholder that the model reads as a real, extreme value."""
    models = sensitive_models(an)
    if not models:
        return []
    for src in an.sources:
        for call in src.calls():
            tail = call_tail(call)
            if tail == "fillna":
                val = number(call.args[0], src.consts) if call.args else number(kwarg(call, "value"), src.consts)
            elif src.cls(call.func) == "SimpleImputer" or tail == "nan_to_num":
                val = number(kwarg(call, "fill_value") or kwarg(call, "nan"), src.consts)
            else:
                continue
            if val is None or not (SENTINEL.fullmatch(f"{val:g}") or val <= -99):
                continue
            return [
                finding(
                    CODE,
                    "sentinel-unhandled",
                    src.loc(call),
                    f"missing values are filled with the placeholder {val:g}, and {models[0][0]} (a distance, "
                    "gradient or linear model) reads it as a real, extreme value: those rows sit far from all others.",
                    0.65,
                    "Impute with a training statistic (median) and add a missing-indicator column, or use a "
                    "model that handles NaN natively.",
                )
            ]
    return []


def detector_on_eval(an: Analysis) -> list[Finding]:
    """An outlier detector fitted on the evaluation rows to drop some of them: the score is then
    computed only on the cases the detector found easy."""
    preds = [p for p in an.events("predict") if p.obj is not None and p.obj.cls not in DETECTORS]
    trained = frozenset().union(*(f.data.roots for p in preds for f in p.obj.fits))
    evaluated = frozenset().union(*(p.data.roots for p in preds)) - trained
    out = []
    for ev in an.events("fit"):
        if ev.name not in DETECTORS or ev.target_like:
            continue
        roots = ev.data.roots
        if on_test_rows(ev) or (roots and roots <= evaluated):
            out.append(
                finding(
                    CODE,
                    "outlier-filter-on-test",
                    ev.loc,
                    f"{ev.name} is fitted on the evaluation rows and drops the ones it flags: the score is "
                    "computed only on the cases it found typical, so the hard cases never count.",
                    0.7,
                    f"Fit {ev.name} on the training rows only (or not at all for evaluation); score every test row.",
                )
            )
    return out[:2]


def quartile_clip(an: Analysis) -> list[Finding]:
    """Values clipped straight to inner quantiles (Q1/Q3, 10th/90th percentile) rather than to
    outlier fences: half the rows of every column are flattened, not only the extremes."""
    out = []
    for src in an.sources:
        tainted: dict[int, ast.AST] = {}
        for node in src.nodes:
            if isinstance(node, ast.Call) and call_tail(node) in ("quantile", "percentile", "nanpercentile"):
                qs = literal(node.args[0] if call_tail(node) == "quantile" and node.args else
                             (node.args[1] if len(node.args) > 1 else kwarg(node, "q")), src.consts)
                qs = [qs] if isinstance(qs, (int, float)) else qs if isinstance(qs, (list, tuple)) else []
                scale = 1.0 if call_tail(node) == "quantile" else 100.0
                if qs and all(isinstance(q, (int, float)) and 0.1 <= q / scale <= 0.9 for q in qs):
                    tainted[id(node)] = node
        if not tainted:
            continue
        names: set[str | None] = set()
        for _ in range(3):  # names bound to the quantiles without fence arithmetic (q3 + 1.5 * iqr)
            for st in src.nodes:
                if isinstance(st, ast.Assign) and not any(isinstance(n, ast.BinOp) for n in ast.walk(st.value)):
                    used = {dotted(n) for n in ast.walk(st.value)} & names
                    if used or any(id(n) in tainted for n in ast.walk(st.value)):
                        names |= {dotted(t) for t in st.targets if dotted(t)}
                        names |= {dotted(e) for t in st.targets if isinstance(t, ast.Tuple) for e in t.elts}
        for call in src.calls():
            args = [*call.args, *(k.value for k in call.keywords)]
            if call_tail(call) == "clip" and any(dotted(n) in names for a in args for n in ast.walk(a)):
                out.append(
                    finding(
                        CODE,
                        "clip-at-quartiles",
                        src.loc(call),
                        "values are clipped to inner quantiles (e.g. the quartiles), not to outlier fences: "
                        "every value beyond them, half the column or more, is flattened, not only the extremes.",
                        0.65,
                        "Clip at outlier fences (Q1 - 1.5*IQR, Q3 + 1.5*IQR) or at extreme quantiles "
                        "(0.01/0.99) computed on the training rows.",
                    )
                )
                break
    return out[:1]


def raw_column(data: Evidence, path: str, name: str):
    """The numeric values of one column of a data file (the bounded sample ``data`` profiles)."""
    import numpy as np

    vals = data.raw_columns(path).get(name)
    if vals is None:
        return None
    out = []
    for v in vals:
        try:
            out.append(float(v))
        except ValueError:
            pass
    a = np.asarray(out, dtype=float)
    return a[np.isfinite(a)]


def edge_code(a) -> float | None:
    """A value repeated at the very top or bottom of a column, far beyond every other value
    (999 for "never", 65535 for a saturated sensor): a placeholder, not a measurement."""
    import numpy as np

    for v in (float(a.max()), float(a.min())):
        k = int((a == v).sum())
        rest = a[a != v]
        if k < max(3, 0.01 * a.size) or rest.size < 10 or np.unique(rest).size < 5:
            continue
        lo, hi = np.percentile(rest, [0.5, 99.5])
        span = max(hi - lo, 1e-9)
        if v > hi + span or v < lo - span:
            return v
    return None


def zero_code(a) -> bool:
    """Zeros in a column of otherwise clearly positive measurements (a glucose or a BMI of 0):
    the zeros stand for "not measured"."""
    import numpy as np

    if a.min() != 0 or (a < 0).any():
        return False
    nz = np.unique(a[a > 0])
    k = int((a == 0).sum())
    if k < max(3, 0.005 * a.size) or nz.size < 10:
        return False
    low = nz[: max(5, nz.size // 10)]
    return bool(nz[0] >= 0.2 * np.median(a[a > 0]) and nz[0] >= 5 * np.diff(low).max())


def zero_handled(an: Analysis) -> bool:
    for src in an.sources:
        for node in src.nodes:
            if isinstance(node, ast.Compare) and any(number(c) == 0 for c in node.comparators):
                if not isinstance(node.left, ast.Call) or call_tail(node.left) not in ("len", "sum"):
                    return True
            if isinstance(node, ast.Call) and (
                (call_tail(node) in ("replace", "mask") and any(number(x) == 0 for x in node.args))
                or number(kwarg(node, "missing_values")) == 0
            ):
                return True
    return False


def data_values(an: Analysis, data: Evidence | None) -> list[Finding]:
    """What the data file shows and the code ignores: a placeholder code at the edge of a column,
    zeros that mean "missing", a heavy tail fed to a squared-error or distance model."""
    import numpy as np

    if not data:
        return []
    models = sensitive_models(an)
    regressor = next(
        ((c, s, n) for c in an.classes if C.is_regressor(c) and c not in DETECTORS for s, n in an.classes[c]), None
    )
    if not models and regressor is None:
        return []
    handled = set().union(*(code_numbers(s) for s in an.sources))
    text = "\n".join(s.text for s in an.sources)
    target = data.target.name if data.target is not None else None
    robust = an.uses(*ROBUST) or any(
        literal(kwarg(c, "loss"), s.consts) in ("huber", "absolute_error", "quantile", "epsilon_insensitive")
        for s in an.sources for c in s.calls()
    )
    everything = ".drop(" in text
    out: list[Finding] = []
    seen = set()
    for read in data.reads:
        if read.table is None or read.path is None:
            continue
        for col in read.table.columns.values():
            is_target = col.name == target
            if col.kind != "num" or col.name in seen or col.sentinels or col.n_unique < 8:
                continue
            if not is_target and not (f'"{col.name}"' in text or f"'{col.name}'" in text or everything):
                continue
            who = regressor if is_target else (models[0] if models else None)
            if who is None:
                continue
            seen.add(col.name)
            edge = col.hi == col.p99 or col.lo == col.p01
            zero = col.lo == 0 and col.p50 > 0
            a = raw_column(data, read.path, col.name) if (edge or zero) else None
            code = edge_code(a) if a is not None and a.size >= 30 else None
            msg = None
            if code is not None and abs(code) not in handled:
                k = int(np.count_nonzero(a == code))
                msg = (f"column {col.name!r} of {read.path} holds {code:g} in {k} rows, far "
                       f"beyond all its other values: a placeholder or saturated reading, never filtered")
                fix = f"Treat {code:g} in {col.name!r} as missing (NaN plus an indicator), then impute or drop."
                conf = 0.7 if is_target or SENTINEL.fullmatch(f"{code:g}") else 0.6
            elif zero and a is not None and a.size >= 30 and zero_code(a) and not zero_handled(an):
                k = int(np.count_nonzero(a == 0))
                msg = (f"column {col.name!r} of {read.path} has {k} zeros although its other "
                       f"values start at {a[a > 0].min():g}: the zeros mean 'not measured', and are fitted as real")
                fix = f"Replace 0 in {col.name!r} with NaN (plus a missing indicator) and impute on the training rows."
                conf = 0.6
            elif col.heavy_tail >= 8 and col.kurtosis >= 8 and not robust and (models or is_target):
                msg = (f"column {col.name!r} of {read.path} is heavy-tailed (median {col.p50:g}, max {col.hi:g}) "
                       f"and enters {who[0]} untransformed: a few extreme rows dominate the squared-error fit")
                fix = f"Log-transform {col.name!r} (or clip it at training quantiles), or use a robust loss (Huber)."
                conf = 0.55
            if msg:
                loc = who[1].loc(who[2]) if conf == 0.55 else read.src.loc(read.node)
                rule = "heavy-tail-unhandled" if conf == 0.55 else "data-sentinel"
                out.append(finding(CODE, rule, loc, msg + ".", conf, fix))
    return sorted(out, key=lambda f: -f.confidence)[:2]
