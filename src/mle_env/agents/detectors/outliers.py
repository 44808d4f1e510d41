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

from .base import Finding, Loc, call_tail, finding, number
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
    out = sentinels(an) + data_sentinels(an, data)
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
        elif on_test_rows(ev) and ev.kind == "clip" and any(on_test_rows(f) for f in stats):
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
            out.append(
                finding(
                    CODE,
                    "outlier-stats-before-split",
                    ev.loc,
                    "outliers are filtered/clipped with statistics of all rows, test rows included, before the split.",
                    0.35,
                    "Split first; compute outlier bounds on the training rows only.",
                )
            )
    return out


def numeric_mask(ev: Event) -> bool:
    sl = ev.node.slice if isinstance(ev.node, ast.Subscript) else None
    if sl is None:
        return False
    for n in ast.walk(sl):
        if isinstance(n, ast.Compare) and any(number(c) is not None for c in [n.left, *n.comparators]):
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
    for node in ast.walk(src.tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            for line_no, line in enumerate(node.value.splitlines(), node.lineno):
                if CONTEXT.search(line):
                    found += [(line_no, float(m.group(1))) for m in SENTINEL.finditer(line)]
    return found


def code_numbers(src: Source) -> set[float]:
    out = set()
    for node in ast.walk(src.tree):
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
