"""DATA_LEAKAGE through the features themselves: the target (or a copy of it) left among them.

Rule
    target-in-features  the matrix a model is fitted on (``fit(X, y)``, ``cross_val_score(m, X, y)``,
                        through ``train_test_split``) keeps the column ``y`` is: a feature list
                        naming it (also through constants of another file), ``drop``/
                        ``select_dtypes``/``[c for c in df.columns if ...]`` that do not remove it
                        (case-folded comparisons included), ``iloc[:, :-1]`` when the data's
                        header does not end with it, the whole frame/array ``y`` is a column of
                        (also a Dataset's ``__getitem__``), or a column computed from the target
                        (``price_per_sqft = sold_price / sqft``, the raw column a log/label-encoded
                        target came from). With data: a feature derived from a column whose
                        missingness *is* the label (a cancellation date for churn).

Each pair is resolved by following assignments in the enclosing function (then the module):
tuple-unpacked splits, row selections and ``.values``/``astype`` keep the columns they get.
"""

from __future__ import annotations

import ast
from collections import Counter

from . import catalog as C
from .base import Finding, call_tail, dotted, finding, is_target_name, literal, name_tokens
from .columns import Cols, drop_list, pairs
from .program import Analysis

CODE = "DATA_LEAKAGE"
FIX = "Drop {col!r} (and every column computed from the target) from the features."
LAGGED = {"shift", "rolling", "expanding", "ewm", "groupby", "lag", "merge", "cumsum", "transform", "cummax"}
LAGGED |= {"mean", "median", "std", "var", "min", "max", "quantile", "sum", "count", "agg", "aggregate", "mode"}
PAIR_FUNCS = C.CV_FUNCS | C.SPLIT_FUNCS


def check(an: Analysis, data=None) -> list[Finding]:
    out = target_in_features(an)
    seen = {(f.file, f.line) for f in out}
    out += [f for f in feature_pairs(an, data) if (f.file, f.line) not in seen]
    return out


def target_in_features(an: Analysis) -> list[Finding]:
    out = []
    for src in an.sources:
        scopes = [src.tree] + [n for n in src.nodes if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
        for scope in scopes:
            targets: dict[str, set] = {}
            assigns = [
                n
                for n in ast.walk(scope)
                if isinstance(n, ast.Assign)
                and len(n.targets) == 1
                and isinstance(n.targets[0], ast.Name)
                and src.function_of(n) == src.function_of(scope.body[0])
            ]
            for a in assigns:
                v = a.value
                if is_target_name(a.targets[0].id) and isinstance(v, ast.Subscript) and dotted(v.value):
                    key = literal(v.slice, src.consts)
                    if isinstance(key, str):
                        targets.setdefault(dotted(v.value), set()).add(key)
            for a in assigns:
                toks = set(name_tokens(a.targets[0].id))
                if not toks & {"x", "features", "feature", "feats"}:
                    continue
                base, kept = kept_columns(a.value, src.consts)
                leaked = targets.get(base, set()) & kept if kept is not None else set()
                base, dropped = dropped_columns(a.value, src.consts)
                if base in targets and dropped is not None and not targets[base] & dropped:
                    leaked = targets[base]
                if leaked:
                    col = sorted(leaked)[0]
                    out.append(leak(src.loc(a), col, f"the target column {col!r}", 0.75))
    return out


def leak(loc, col, what: str, conf: float) -> Finding:
    return finding(
        CODE,
        "target-in-features",
        loc,
        f"the feature matrix still contains {what}: the model can read the answer from its inputs.",
        conf,
        FIX.format(col=col),
    )


def kept_columns(v: ast.expr, consts) -> tuple[str | None, set | None]:
    if isinstance(v, ast.Subscript) and dotted(v.value):
        cols = literal(v.slice, consts)
        if isinstance(cols, (list, tuple)) and all(isinstance(c, str) for c in cols):
            return dotted(v.value), set(cols)
    return None, None


def dropped_columns(v: ast.expr, consts) -> tuple[str | None, set | None]:
    if not (isinstance(v, ast.Call) and isinstance(v.func, ast.Attribute) and v.func.attr == "drop"):
        return None, None
    cols = drop_list(v, consts)
    return (dotted(v.func.value), set(cols)) if cols is not None else (None, None)


# ---- the pairs, and what counts as the target ----------------------------------------------


def feature_pairs(an: Analysis, data=None) -> list[Finding]:
    out = []
    found = pairs(an)
    deps = derived_columns(an) if found else {}
    reg = regression(an)
    for p in found:
        y, line = p.y, getattr(p.node, "lineno", 0)
        if y is None or y[1] == "pop" or any(q[2] == y[1] and q[0] < line for q in p.scope.pops):
            continue
        if p.cols is not None:
            got = judge(an, data, deps, p.cols, y, reg, p.src)
            if got is not None:
                out.append(got)
    return out


def regression(an: Analysis) -> bool:
    return any(C.is_regressor(c) for c in an.classes) or any(c in C.REG_METRICS for c in an.classes)


def derived_columns(an: Analysis) -> dict[str, tuple[set, bool]]:
    """``df["c"] = expr``: column → (columns ``expr`` reads, whether through a lag/window/group)."""
    out: dict[str, tuple[set, bool]] = {}
    for src in an.sources:
        for a in src.of_type(ast.Assign):
            t = a.targets[0] if len(a.targets) == 1 else None
            key = literal(t.slice, src.consts) if isinstance(t, ast.Subscript) else None
            if not isinstance(key, str):
                continue
            reads = [literal(n.slice, src.consts) for n in ast.walk(a.value) if isinstance(n, ast.Subscript)]
            lagged = any(isinstance(n, ast.Call) and call_tail(n) in LAGGED for n in ast.walk(a.value))
            old = out.get(key, (set(), False))
            out[key] = (old[0] | {r for r in reads if isinstance(r, str)}, old[1] or lagged)
    return out


def family(deps: dict, key: str) -> dict[str, str]:
    """The target and the columns that are it in disguise → how each relates to the target."""
    fam = {key: f"the target column {key!r}"}
    src = deps.get(key, (set(), True))
    if len(src[0] - {key}) == 1 and not src[1]:
        raw = next(iter(src[0] - {key}))
        fam[raw] = f"{raw!r}, the column the target {key!r} is computed from"
    changed = True
    while changed:
        changed = False
        for c, (reads, lagged) in deps.items():
            if c not in fam and not lagged and reads & set(fam):
                fam[c] = f"{c!r}, computed from the target {key!r}"
                changed = True
    return fam


def judge(an, data, deps, cols: Cols, y: tuple, reg: bool, src) -> Finding | None:
    ybase, key = y
    if cols.whole:
        if ybase is not None and ybase == cols.base:
            what = f"the label column {key!r}" if isinstance(key, str) else "the label column"
            return leak(src.loc(cols.node), key, what + " it is sliced from", 0.7)
        return None
    if not isinstance(key, str):
        return None
    fam = family(deps, key)
    if cols.cols is not None:
        hit = [c for c in cols.cols if c in fam]
        if hit:
            where = cols.elts.get(hit[0])
            loc = where[0].loc(where[1]) if where else src.loc(cols.node)
            return leak(loc, hit[0], fam[hit[0]], 0.8 if hit[0] == key else 0.7)
        return proxy(an, data, deps, cols, key, src) if data else None
    if ybase is None or ybase != cols.base:
        return None
    if cols.span is not None:
        table = next((t for t in (data.tables if data else []) if key in t.columns), None)
        header = list(table.columns) if table is not None else []
        if key in header and key not in header[slice(*cols.span)]:
            return None
        if key not in header:
            return None
        what = f"the target column {key!r} (position {header.index(key)} of the header)"
        return leak(src.loc(cols.node), key, what, 0.75)
    norm = (lambda c: c.lower()) if cols.casefold else (lambda c: c)
    excluded = {norm(c) for c in cols.excluded}
    for c, what in fam.items():
        if norm(c) in excluded:
            continue
        if cols.numeric:
            col = data.column(c) if data else None
            if (col is not None and col.kind != "num") or (col is None and c == key and not reg):
                continue
        return leak(src.loc(cols.node), c, what, 0.75 if c == key else 0.7)
    return None


def proxy(an, data, deps, cols: Cols, key: str, src) -> Finding | None:
    """A feature computed from a column whose missingness is the (binary) label: a date or
    field only filled in once the outcome happened."""
    for feat in cols.cols or ():
        for s in sorted(deps.get(feat, (set(), False))[0] | {feat}):
            if s != key and mirrors_label(data, s, key):
                where = cols.elts.get(feat)
                loc = where[0].loc(where[1]) if where else src.loc(cols.node)
                what = (
                    f"{feat!r}, read from {s!r}, which is only filled in (non-empty, non-zero) "
                    f"when {key!r} is positive"
                )
                return leak(loc, feat, what, 0.7)
    return None


def mirrors_label(data, col: str, key: str) -> bool:
    memo = data.memo.setdefault("mirrors_label", {})
    if (col, key) not in memo:
        memo[(col, key)] = mirrors(data, col, key)
    return memo[(col, key)]


def mirrors(data, col: str, key: str) -> bool:
    for path, t in data.by_path.items():
        if t is None or col not in t.columns or key not in t.columns or not path or data.reader is None:
            continue
        c = t.columns[col]
        numeric = c.kind == "num"  # a zero counts as absent too: recoveries, refunds, fees paid on default
        if len(t.columns[key].counts) != 2 or not (numeric or 0.03 <= c.missing / max(1, c.n + c.missing) <= 0.97):
            continue
        raw = data.raw_columns(path)
        if col not in raw or key not in raw:
            continue
        n, pairs = len(raw[col]), Counter(zip(absent(raw[col], numeric), raw[key], strict=True))
        if not 0.03 * n <= sum(k for (miss, _), k in pairs.items() if miss) <= 0.97 * n:
            continue
        for v in {lab for _, lab in pairs}:
            agree = sum(k for (miss, lab), k in pairs.items() if miss == (lab != v)) / max(1, n)
            if n >= 30 and agree >= 0.98:
                return True
    return False


NA = frozenset(("", "NA", "nan", "NaN", "null"))
ZEROS = frozenset(("0", "0.0", "0.00", "-0", "-0.0", "0.000", "0e0"))


def absent(values: list[str], zero_absent: bool) -> list[bool]:
    """Whether each value is not filled in: missing, or (``zero_absent``) zero."""
    empty = NA | ZEROS if zero_absent else NA
    return [v in empty for v in values]
