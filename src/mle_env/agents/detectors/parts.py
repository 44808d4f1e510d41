"""Hand-made splits: row selections, and which of them are training or evaluation rows.

A *row selection* is a slice (``data[:800]``, ``df.iloc[700:]``), a boolean mask
(``df[df.date < cutoff]``, ``df[~mask]``), an index array (``X[perm[:800]]``, ``X[tr]``
with ``tr`` from ``np.random.permutation`` / ``array_split`` / ``np.where``) or a sample
(``df.sample(frac=0.8)``, ``df.drop(train.index)``). ``flow`` tags the values it produces
with a ``part``. What a selection *is* then comes from what the program does with it, not
from its name: a model fitted on part A and asked to predict part B of the same data makes
A the training rows and B the evaluation rows. ``infer`` reads that off a first run of the
program; the second run (``program.Analysis``) gives those parts their roles, so every rule
that looks at train/test roles sees the hand-made split like a ``train_test_split``.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import Any

from .base import Loc, call_tail, dotted, literal, name_tokens
from .values import Event, Trace, is_mask

ROW_WORDS = {
    "idx", "index", "indices", "idxs", "ids", "ix", "ind", "inds", "rows", "row", "tr", "te", "trn", "tst",
    "train", "test", "val", "valid", "fold", "folds", "mask", "sel", "perm", "permutation", "shuffled",
    "holdout", "split", "keep", "before", "after", "past", "future", "recent", "history", "early", "late",
}  # fmt: skip
COLUMN_WORDS = {"cols", "col", "columns", "column", "features", "feats", "feature", "vars", "predictors", "names"}
INDEX_FUNCS = {
    "permutation", "arange", "where", "nonzero", "flatnonzero", "argsort", "concatenate", "hstack", "setdiff1d",
    "choice", "array_split", "split", "shuffle", "isin", "r_", "sample", "difference", "intersection",
}  # fmt: skip
SUBSET_METHODS = {"sample", "head", "tail", "drop", "nlargest", "nsmallest", "take"}
FITTERS = {"model", "search"}


def is_index_expr(node: ast.AST, names: set[str]) -> bool:
    """Whether an expression yields row positions or a row mask (syntactically)."""
    if is_mask(node) if isinstance(node, ast.expr) else False:
        return True
    if isinstance(node, ast.Name):
        return node.id in names
    if isinstance(node, ast.Attribute):
        return node.attr == "index" or is_index_expr(node.value, names)
    if isinstance(node, ast.Subscript):
        return is_index_expr(node.value, names)
    if isinstance(node, ast.Call):
        tail = call_tail(node) or ""
        return tail in INDEX_FUNCS or (
            tail in ("list", "sorted", "set", "array", "asarray")
            and bool(node.args)
            and is_index_expr(node.args[0], names)
        )
    if isinstance(node, (ast.List, ast.ListComp)):
        elts = node.elts if isinstance(node, ast.List) else [node.elt]
        return bool(elts) and all(is_index_expr(e, names) for e in elts)
    return False


def is_column_expr(node: ast.AST, consts: dict) -> bool:
    """A list of column names: ``["a", "b"]``, ``[c for c in df.columns if ...]``, ``df.columns[...]``."""
    v = literal(node, consts)
    if isinstance(v, str) or (isinstance(v, tuple) and all(isinstance(x, str) for x in v)):
        return True
    return any(
        isinstance(n, ast.Attribute) and n.attr in ("columns", "feature_names", "dtypes") for n in ast.walk(node)
    )


def subset_call(call: ast.Call, consts: dict) -> bool:
    """``df.sample(frac=0.8)``, ``df.drop(train.index)``, ``df.head(800)``: a call keeping some rows."""
    tail = call_tail(call)
    kw = {k.arg: k.value for k in call.keywords}
    if tail == "sample":
        frac = literal(kw.get("frac"), consts)
        return (isinstance(frac, (int, float)) and 0 < frac < 1) or ("n" in kw or bool(call.args))
    if tail == "drop":
        if "columns" in kw or literal(kw.get("axis"), consts) in (1, "columns"):
            return False
        idx = kw.get("index", call.args[0] if call.args else None)
        return idx is not None and is_index_expr(idx, set()) and not isinstance(idx, ast.Constant)
    if tail in ("head", "tail", "nlargest", "nsmallest", "take"):
        return bool(call.args)
    return False


def row_tag(index: ast.expr, consts: dict, index_names: set[str], column_names: set[str]) -> str | None:
    """The text naming a row selection ``base[index]``, or None when ``index`` picks columns,
    one element, or all rows."""
    first = index.elts[0] if isinstance(index, ast.Tuple) and index.elts else index
    if isinstance(first, ast.Slice):
        if first.lower is None and first.upper is None:
            return None
        return ast.unparse(first)
    if isinstance(first, ast.Constant) or is_column_expr(first, consts):
        return None
    if isinstance(first, ast.Name):
        if first.id in column_names:
            return None
        toks = set(name_tokens(first.id))
        if first.id in index_names or (toks & ROW_WORDS and not toks & COLUMN_WORDS):
            return first.id
        return None
    if is_index_expr(first, index_names):
        return ast.unparse(first)
    return None


# --- bounds of slices, for overlapping splits ----------------------------------------------


def linear(node: ast.AST | None, consts: dict, depth: int = 0) -> dict[str, float] | None:
    """A bound as ``{symbol: coefficient, "": constant}`` (``int(0.8 * n)`` → ``{"n": 0.8}``)."""
    if node is None or depth > 6:
        return None
    v = literal(node, consts)
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return {"": float(v)}
    if isinstance(node, ast.Name):
        return {node.id: 1.0}
    if isinstance(node, ast.Call) and call_tail(node) in ("int", "round", "floor", "ceil") and node.args:
        return linear(node.args[0], consts, depth + 1)
    if isinstance(node, ast.Call) and call_tail(node) == "len" and node.args:
        return {f"len({ast.unparse(node.args[0])})": 1.0}
    if isinstance(node, ast.Attribute) or (isinstance(node, ast.Subscript) and dotted(node.value)):
        return {ast.unparse(node): 1.0}
    if isinstance(node, ast.BinOp):
        a, b = linear(node.left, consts, depth + 1), linear(node.right, consts, depth + 1)
        if a is None or b is None:
            return None
        if isinstance(node.op, (ast.Add, ast.Sub)):
            sign = 1.0 if isinstance(node.op, ast.Add) else -1.0
            out = dict(a)
            for k, c in b.items():
                out[k] = out.get(k, 0.0) + sign * c
            return out
        if isinstance(node.op, (ast.Mult, ast.FloorDiv, ast.Div)):
            if set(b) == {""} and (isinstance(node.op, ast.Mult) or b[""]):
                f = b[""] if isinstance(node.op, ast.Mult) else 1.0 / b[""]
                return {k: c * f for k, c in a.items()}
            if set(a) == {""} and isinstance(node.op, ast.Mult):
                return {k: c * a[""] for k, c in b.items()}
    return None


def positive(form: dict[str, float]) -> bool | None:
    """Whether ``form`` is > 0 for every positive value of its symbols (None: can't tell)."""
    cs = [c for c in form.values() if abs(c) > 1e-12]
    if not cs:
        return False
    if all(c > 0 for c in cs):
        return True
    if all(c < 0 for c in cs):
        return False
    return None


def minus(a: dict[str, float], b: dict[str, float]) -> dict[str, float]:
    out = dict(a)
    for k, c in b.items():
        out[k] = out.get(k, 0.0) - c
    return out


@dataclass
class Slice:
    lower: dict[str, float] | None  # None: open end
    upper: dict[str, float] | None
    negative: bool


def slice_of(node: ast.expr, consts: dict) -> Slice | None:
    first = node.elts[0] if isinstance(node, ast.Tuple) and node.elts else node
    if not isinstance(first, ast.Slice) or first.step is not None:
        return None
    lo, hi = linear(first.lower, consts), linear(first.upper, consts)
    if (first.lower is not None and lo is None) or (first.upper is not None and hi is None):
        return None
    neg = any(f is not None and set(f) == {""} and f[""] < 0 for f in (lo, hi))
    return Slice(lo, hi, neg)


def overlap(a: Slice, b: Slice) -> bool:
    """Whether two slices of the same rows certainly share rows (``[:800]`` and ``[700:]``)."""
    if a.negative or b.negative:
        return False
    # rows in both: max(lo) < min(hi); an open end never limits
    for lo in (a.lower, b.lower):
        for hi in (a.upper, b.upper):
            if lo is None or hi is None:
                continue
            if positive(minus(hi, lo)) is not True:
                return False
    return not (a.lower is None and b.lower is None and a.upper is None and b.upper is None)


# --- inference -----------------------------------------------------------------------------


@dataclass
class Parts:
    """What the first run showed: roles of row selections, the train/test pairs seen, the
    row selections known by their slices, and parts evaluated after a fit on all rows."""

    roles: dict[str, str] = field(default_factory=dict)
    pairs: list[tuple[Event, Event]] = field(default_factory=list)  # (model fit, prediction)
    slices: dict[str, tuple[Slice, Loc]] = field(default_factory=dict)
    seen: list[tuple[Event, Event]] = field(default_factory=list)  # (fit on all rows, prediction on a part)
    # Loads (root ids) whose rows were only predicted on and scored, by a model fitted on other
    # loads: a separately read test file, whatever its variable is called.
    test_roots: set[str] = field(default_factory=set)


def receiver(ev: Event) -> str | None:
    node = ev.node
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return ast.unparse(node.func.value)
    return None


def same_model(fit: Event, pred: Event) -> bool:
    if fit.obj is not None or pred.obj is not None:
        return fit.obj is pred.obj
    r = receiver(fit)
    return r is not None and r == receiver(pred) and fit.loc.function == pred.loc.function


def last_fit(fits: list[Event], pred: Event) -> Event | None:
    """The last fit (in trace order) of the model that makes this prediction, before it."""
    return next((f for f in reversed(fits) if f.order < pred.order and same_model(f, pred)), None)


def infer(traces: list[Trace], slices: dict[str, tuple[Slice, Loc]]) -> Parts:
    train: set[str] = set()
    test: set[str] = set()
    out = Parts(slices=slices)
    for t in traces:
        fits = [e for e in t.events if e.kind == "fit" and e.est_kind in FITTERS]
        for p in t.events:
            if p.kind != "predict" or p.data.part is None:
                continue
            f = last_fit(fits, p)
            if f is None:
                continue
            if f.data.part is None and f.roles & {"full", "param"} and f.data.roots & p.data.roots:
                out.seen.append((f, p))  # the model saw every row, these included
                test.add(p.data.part)
                continue
            if f.data.part is None or f.data.part == p.data.part or not f.data.roots & p.data.roots:
                continue
            train.add(f.data.part)
            test.add(p.data.part)
            out.pairs.append((f, p))
    for tag in train - test:
        out.roles[tag] = "train"
    for tag in test - train:
        out.roles[tag] = "test"
    out.test_roots = scored_loads(traces)
    return out


def scored_loads(traces: list[Trace]) -> set[str]:
    """Loads only ever predicted on, by a model fitted on other loads, with the predictions scored
    (``m.fit(lab[X], lab[y]); mean_squared_error(site[y], m.predict(site[X]))``)."""
    fitted: set[str] = set()
    predicted: set[str] = set()
    for t in traces:
        fits = [e for e in t.events if e.kind == "fit" and e.est_kind in FITTERS]
        fitted |= {r for f in fits for r in f.data.roots}  # rows a model learned from are never test rows
        metrics = [e for e in t.events if e.kind == "metric"]
        for p in t.events:
            if p.kind != "predict" or p.data.part is not None or p.roles != {"full"} or not p.data.roots:
                continue
            f = last_fit(fits, p)
            if f is None or not f.data.roots or f.data.roots & p.data.roots or not f.roles <= {"full", "train"}:
                continue
            if any(m.order >= p.order and m.data.roots & p.data.roots for m in metrics):
                predicted |= p.data.roots
    return predicted - fitted


# --- row selections known only by their text (masks, head/tail) ------------------------------

COMBINERS = {"concat", "concatenate", "vstack", "row_stack", "r_", "append", "hstack", "union"}


def selection_text(tag: str) -> ast.expr | None:
    """The expression of a part tag (``file:function:text``)."""
    try:
        return ast.parse(tag.split(":", 2)[2], mode="eval").body
    except (SyntaxError, ValueError, IndexError):
        return None


def head_tail(node: ast.expr | None, consts: dict) -> Slice | None:
    """``df.head(n)`` as ``[:n]``, ``df.tail(n)`` as ``[len(df) - n:]``."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and len(node.args) == 1):
        return None
    n = linear(node.args[0], consts)
    if n is None:
        return None
    if node.func.attr == "head":
        return Slice(None, n, False)
    if node.func.attr == "tail":
        return Slice(minus({f"len({ast.unparse(node.func.value)})": 1.0}, n), None, False)
    return None


def resolve(form: dict[str, float] | None, assigned: dict[str, ast.expr], consts: dict, depth: int = 0) -> dict | None:
    """Replace the symbols of ``form`` assigned once in the function (``n_fit = int(0.8 * len(df))``)."""
    if form is None or depth > 4:
        return form
    out: dict[str, float] = {}
    for k, c in form.items():
        got = linear(assigned[k], consts) if k in assigned else None
        new = (resolve(got, assigned, consts, depth + 1) if got is not None else None) or {k: 1.0}
        for k2, c2 in new.items():
            out[k2] = out.get(k2, 0.0) + c * c2
    return out


def assignments(scope: ast.AST, defaults: bool = True) -> dict[str, ast.expr]:
    """Names bound exactly once in ``scope`` (a function or module), with parameter defaults."""
    seen: dict[str, list[ast.expr]] = {}
    for n in ast.walk(scope):
        if isinstance(n, ast.Assign) and len(n.targets) == 1 and isinstance(n.targets[0], ast.Name):
            seen.setdefault(n.targets[0].id, []).append(n.value)
        elif isinstance(n, (ast.AugAssign, ast.For)) and isinstance(n.target, ast.Name):
            seen.setdefault(n.target.id, []).extend([n.target, n.target])
    out = {k: v[0] for k, v in seen.items() if len(v) == 1}
    if defaults and isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef)):
        a = scope.args
        pos = a.posonlyargs + a.args
        for p, d in zip(pos[len(pos) - len(a.defaults) :], a.defaults, strict=False):
            out.setdefault(p.arg, d)
        for p, kd in zip(a.kwonlyargs, a.kw_defaults, strict=False):
            if kd is not None:
                out.setdefault(p.arg, kd)
    return out


def bounds(cmp: Any, consts: dict) -> tuple[str, tuple, tuple] | None:
    """``df.t <= "2023-07-31"`` → (``df.t``, (-inf), (value, inclusive)): one interval on one column."""
    lo: tuple[Any, bool] = (None, True)
    hi: tuple[Any, bool] = (None, True)
    func: Any = getattr(cmp, "func", None)
    if isinstance(cmp, ast.Call) and call_tail(cmp) == "between" and len(cmp.args) >= 2:
        a, b = (literal(x, consts) for x in cmp.args[:2])
        if a is ... or b is ...:
            return None
        return ast.unparse(func.value), (a, True), (b, True)
    if not (isinstance(cmp, ast.Compare) and len(cmp.ops) == 1):
        return None
    left, op, right = cmp.left, cmp.ops[0], cmp.comparators[0]
    flip = {ast.Lt: ast.Gt, ast.Gt: ast.Lt, ast.LtE: ast.GtE, ast.GtE: ast.LtE}
    if literal(left, consts) is not ... and literal(right, consts) is ...:
        left, right, op = right, left, flip.get(type(op), type(op))()
    v = literal(right, consts)
    key = v if v is not ... else ("sym", ast.unparse(right))
    if isinstance(op, (ast.Lt, ast.LtE)):
        hi = (key, isinstance(op, ast.LtE))
    elif isinstance(op, (ast.Gt, ast.GtE)):
        lo = (key, isinstance(op, ast.GtE))
    else:
        return None
    return ast.unparse(left), lo, hi


def masks_overlap(a: ast.expr | None, b: ast.expr | None, consts: dict) -> bool:
    """Whether two one-column range masks certainly share values (``t <= "07-31"`` and ``t >= "07-01"``)."""
    ra, rb = (bounds(x, consts) if x is not None else None for x in (a, b))
    if ra is None or rb is None or ra[0] != rb[0]:
        return False
    lo = [x for x in (ra[1], rb[1]) if x[0] is not None]
    hi = [x for x in (ra[2], rb[2]) if x[0] is not None]
    for lv, linc in lo:
        for hv, hinc in hi:
            if isinstance(lv, tuple) or isinstance(hv, tuple):
                if lv != hv or not (linc and hinc):
                    return False
                continue
            try:
                if lv > hv or (lv == hv and not (linc and hinc)):
                    return False
            except TypeError:
                return False
    return bool(lo or hi) and ra[1:] != rb[1:]
