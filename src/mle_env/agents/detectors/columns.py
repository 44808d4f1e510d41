"""Which columns a feature matrix keeps, read off the code: the (X, y) pairs a model is fitted on
(``fit``, ``cross_val_score``, a Dataset's ``__getitem__``) and, for X, the
feature list, ``drop``, ``select_dtypes``, column comprehension or ``iloc`` slice it came through;
for y, the column (and frame) it is. Names are followed back through the assignments of the
enclosing function, then the module (also constants imported from another analysed file).
Used by ``target_leak`` (the target kept among the features) and ``encoding`` (identifiers fed
as numbers)."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import Any

from . import catalog as C
from .base import call_tail, dotted, literal
from .program import Analysis

WRAPS = {"asarray", "array", "tensor", "as_tensor", "from_numpy", "DataFrame", "get_dummies", "nan_to_num"}
SAME = {
    "copy", "reset_index", "dropna", "fillna", "astype", "to_numpy", "sample", "head", "tail", "sort_values",
    "sort_index", "query", "set_index", "infer_objects", "float", "ravel", "squeeze", "to_frame",
}  # fmt: skip
Y_FUNCS = {"log", "log1p", "sqrt", "exp", "asarray", "array", "tensor", "as_tensor", "ravel", "where", "to_numpy"}
Y_FUNCS |= {"astype", "values", "fit_transform", "reshape", "squeeze", "map", "float", "long"}


def drop_list(v: ast.Call, consts, scope=None) -> list | None:
    """The column names a ``.drop(...)`` call removes, None if unknown (or rows are dropped)."""
    node = None
    for k in v.keywords:
        if k.arg == "columns" or (k.arg == "labels" and any(x.arg == "axis" for x in v.keywords)):
            node = k.value
    axis = next((literal(k.value) for k in v.keywords if k.arg == "axis"), 0)
    if node is None and v.args and axis in (1, "columns"):
        node = v.args[0]
    cols = scope.names(node) if scope is not None and node is not None else literal(node, consts)
    if isinstance(cols, str):
        return [cols]
    if isinstance(cols, (list, tuple)) and all(isinstance(c, str) for c in cols):
        return list(cols)
    return None


# ---- the (X, y) pairs a model sees, and the columns X keeps -------------------------------


@dataclass
class Cols:
    """The columns of ``base`` a feature matrix keeps: exactly ``cols``; all but ``excluded``
    (``cols`` None); a slice ``span`` of the header; or ``whole`` (as loaded, nothing removed)."""

    base: str | None
    node: ast.AST
    cols: tuple | None = None
    excluded: frozenset = frozenset()
    casefold: bool = False
    numeric: bool = False
    span: tuple | None = None
    whole: bool = False
    elts: dict = field(default_factory=dict)  # column name → the list element naming it


class Scope:
    """The assignments of one function (or the module), to follow names back to what they hold."""

    def __init__(self, an: Analysis, src, fn: ast.AST, module=None):
        self.an, self.src, self.fn, self.module = an, src, fn, module
        self.binds: dict[str, list[tuple[int, ast.AST | None, int | None]]] = {}
        self.pops: list[tuple[int, str, object]] = []  # (line, base, column) of df.pop(col) / del df[col]
        for node in scope_nodes(fn):
            if isinstance(node, ast.Assign):
                for t in node.targets:
                    self.bind(t, node.value, node.lineno)
            elif isinstance(node, (ast.For, ast.AsyncFor, ast.With)):
                outs: list[ast.expr | None] = (
                    [node.target] if not isinstance(node, ast.With) else [i.optional_vars for i in node.items]
                )
                for tgt in outs:
                    for n in ast.walk(tgt) if tgt is not None else ():
                        if isinstance(n, ast.Name):
                            self.binds.setdefault(n.id, []).append((node.lineno, None, None))
            if isinstance(node, ast.Call) and call_tail(node) == "pop" and isinstance(node.func, ast.Attribute):
                col = self.name_value(node.args[0] if node.args else None)
                self.pops.append((node.lineno, dotted(node.func.value) or "", col))

    def bind(self, t: ast.AST, value: ast.AST, line: int) -> None:
        if isinstance(t, ast.Name):
            self.binds.setdefault(t.id, []).append((line, value, None))
        elif isinstance(t, (ast.Tuple, ast.List)):
            same = isinstance(value, (ast.Tuple, ast.List)) and len(value.elts) == len(t.elts)
            for i, e in enumerate(t.elts):
                if isinstance(e, ast.Name):
                    v = value.elts[i] if same and isinstance(value, (ast.Tuple, ast.List)) else value
                    self.binds.setdefault(e.id, []).append((line, v, None if same else i))

    def lookup(self, name: str, line: int):
        got = [b for b in self.binds.get(name, []) if b[0] < line]
        if got:
            return got[-1][1], got[-1][2], got[-1][0]
        if self.module is not None and name not in self.params():
            return self.module.lookup(name, 10**9)
        return None, None, 0

    def params(self) -> set[str]:
        a = getattr(self.fn, "args", None)
        return {p.arg for p in a.posonlyargs + a.args + a.kwonlyargs} if a is not None else set()

    def const(self, name: str):
        if name in self.src.consts:
            return self.src.consts[name]
        stem, orig = self.an.program.imports.get(self.src.file, {}).get(name, (None, None))
        other = self.an.program.stems.get(stem) if stem else None
        return other.consts.get(orig, ...) if other is not None and orig else ...

    def name_value(self, node: ast.AST | None):
        """A literal, also through local names, module constants and imported constants."""
        v = literal(node, self.src.consts)
        if v is ... and isinstance(node, ast.Name):
            v = self.const(node.id)
        return v

    def names(self, node: ast.AST | None, line: int = 10**9, depth: int = 0):
        """A list of column names (literal, constant, local, ``A + B``), else ``...``."""
        v = self.name_value(node)
        if v is ... and isinstance(node, ast.Name) and depth < 4:
            val, idx, at = self.lookup(node.id, line)
            if val is not None and idx is None:
                return self.names(val, at, depth + 1)
        if v is ... and isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            a, b = self.names(node.left, line, depth + 1), self.names(node.right, line, depth + 1)
            if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
                return tuple(a) + tuple(b)
        return v

    def cols(self, node: ast.AST, line: int, depth: int = 0) -> Cols | None:  # noqa: C901 - one case per form
        """What columns the value of ``node`` (evaluated at ``line``) keeps, None if unknown."""
        if depth > 12:
            return None
        if isinstance(node, ast.Name):
            val, idx, at = self.lookup(node.id, line)
            if val is None:
                return Cols(node.id, node, whole=True) if node.id not in self.params() else None
            if idx is not None:
                if isinstance(val, ast.Call) and call_tail(val) in C.SPLIT_FUNCS:
                    args = [a for a in val.args if not isinstance(a, ast.Starred)]
                    return self.cols(args[idx // 2], at, depth + 1) if len(args) > idx // 2 else None
                return None
            got = self.cols(val, at, depth + 1)
            if got is not None and got.whole and got.base is None:
                got.base = node.id  # a loaded table: the name is its identity
            return got
        if isinstance(node, ast.Attribute):
            if node.attr == "values":
                return self.cols(node.value, line, depth + 1)
            key = dotted(node)
            return Cols(key, node, whole=True) if key and key.startswith("self.") else None
        if isinstance(node, ast.Subscript):
            return self.subscript(node, line, depth)
        if isinstance(node, ast.Call):
            tail = call_tail(node) or ""
            recv = node.func.value if isinstance(node.func, ast.Attribute) else None
            if tail == "drop" and recv is not None:
                inner, dropped = self.cols(recv, line, depth + 1), drop_list(node, self.src.consts, self)
                if inner is None or dropped is None:
                    return inner if dropped is None and kwarg_axis_rows(node) else None
                return with_dropped(inner, set(dropped), node)
            if tail == "select_dtypes" and recv is not None:
                inner = self.cols(recv, line, depth + 1)
                if inner is not None:
                    inner.numeric, inner.whole, inner.node = True, False, node
                return inner
            if tail in SAME and recv is not None:
                return self.cols(recv, line, depth + 1)
            if tail in WRAPS and node.args:
                return self.cols(node.args[0], line, depth + 1)
            if recv is not None or not node.args:
                return Cols(None, node, whole=True) if is_loader_call(node) else None
        return None

    def subscript(self, node: ast.Subscript, line: int, depth: int) -> Cols | None:
        value, sl = node.value, node.slice
        iloc = value.attr if isinstance(value, ast.Attribute) and value.attr in ("iloc", "loc") else None
        frame = value.value if isinstance(value, ast.Attribute) and iloc else value
        if isinstance(sl, ast.Tuple) and len(sl.elts) == 2:
            rows, col = sl.elts
            if not (isinstance(rows, ast.Slice) and rows.lower is None and rows.upper is None):
                return None
            if isinstance(col, ast.Slice):
                inner = self.cols(frame, line, depth + 1)
                lo, hi = literal(col.lower) if col.lower else 0, literal(col.upper) if col.upper else None
                if inner is None or col.step is not None or not all(isinstance(x, (int, type(None))) for x in (lo, hi)):
                    return None
                if lo == 0 and hi is None:
                    return inner
                inner.span, inner.whole, inner.node = (lo, hi), False, node
                return inner
            sl = col
        if iloc == "iloc":  # df.iloc[i], df.iloc[rows]: every column
            return self.cols(frame, line, depth + 1) if not isinstance(sl, (ast.List, ast.Constant)) else None
        if isinstance(sl, ast.ListComp):
            return self.comprehension(sl, frame, node, line, depth)
        keys = self.names(sl, line)
        if isinstance(keys, (list, tuple)) and keys and all(isinstance(k, str) for k in keys):
            base = self.cols(frame, line, depth + 1)
            c = Cols(base.base if base else dotted(frame), node, cols=tuple(keys))
            c.elts = list_elements(self, sl, line)
            return c
        if is_rows(node):
            return self.cols(frame, line, depth + 1)
        if isinstance(sl, ast.Name) and depth < 10:  # df[feature_cols] with a comprehension
            val, idx, at = self.lookup(sl.id, line)
            if isinstance(val, ast.ListComp) and idx is None:
                return self.comprehension(val, frame, node, at, depth)
        return None

    def comprehension(self, comp: ast.ListComp, frame, node, line, depth) -> Cols | None:
        """``[c for c in df.columns if c not in (...)]``: all columns but the excluded ones."""
        gen = comp.generators[0] if len(comp.generators) == 1 else None
        if gen is None or not isinstance(gen.target, ast.Name) or not isinstance(comp.elt, ast.Name):
            return None
        if not (isinstance(gen.iter, ast.Attribute) and gen.iter.attr == "columns"):
            return None
        excluded, fold = set(), False
        for cond in gen.ifs:
            if not (isinstance(cond, ast.Compare) and len(cond.ops) == 1):
                return None
            left, op, right = cond.left, cond.ops[0], cond.comparators[0]
            if isinstance(left, ast.Call) and call_tail(left) in ("lower", "casefold", "upper"):
                fold, left = True, left.func.value if isinstance(left.func, ast.Attribute) else left
            if not (isinstance(left, ast.Name) and left.id == gen.target.id):
                return None
            vals: Any = None
            if isinstance(right, (ast.Tuple, ast.List, ast.Set)):
                vals = [self.name_value(e) for e in right.elts]
            vals = vals if vals is not None else self.names(right, line)
            vals = [vals] if isinstance(vals, str) else vals
            if not isinstance(op, (ast.NotIn, ast.NotEq)) or not isinstance(vals, (list, tuple)):
                return None
            excluded |= {v for v in vals if isinstance(v, str)}
        inner = self.cols(gen.iter.value, line, depth + 1)
        base = inner.base if inner else dotted(gen.iter.value)
        return Cols(base, node, excluded=frozenset(excluded | (inner.excluded if inner else set())), casefold=fold)


def with_dropped(inner: Cols, dropped: set, node) -> Cols:
    if inner.cols is not None:
        return Cols(inner.base, node, cols=tuple(c for c in inner.cols if c not in dropped), elts=inner.elts)
    return Cols(inner.base, node, excluded=inner.excluded | dropped, casefold=inner.casefold, numeric=inner.numeric)


def kwarg_axis_rows(node: ast.Call) -> bool:
    return any(k.arg == "index" for k in node.keywords)


def is_rows(node: ast.AST) -> bool:
    """A row selection that keeps every column: ``df[mask]``, ``df.loc[mask]``, ``df[:800]``."""
    if not isinstance(node, ast.Subscript):
        return False
    sl = node.slice
    return isinstance(sl, (ast.Compare, ast.BoolOp, ast.Slice)) or (
        isinstance(sl, ast.UnaryOp) and isinstance(sl.op, (ast.Invert, ast.Not))
    )


def is_loader_call(node: ast.Call) -> bool:
    tail = call_tail(node) or ""
    return tail.startswith(("read_", "load")) or tail in ("DataFrame", "genfromtxt", "hstack", "column_stack")


def list_elements(scope: Scope, node: ast.AST, line: int) -> dict:
    """Column name → the AST element naming it, for a list literal (also behind a name or ``+``)."""
    if isinstance(node, ast.Name):
        val, idx, _ = scope.lookup(node.id, line)
        if val is None:
            stem, orig = scope.an.program.imports.get(scope.src.file, {}).get(node.id, (None, None))
            other = scope.an.program.stems.get(stem) if stem else None
            if other is None or not orig:
                return {}
            mod = module_scope(scope.an, other)
            val = mod.lookup(orig, 10**9)[0]
            return {k: (other, v) for k, (_, v) in list_elements(mod, val, 10**9).items()} if val is not None else {}
        return list_elements(scope, val, line) if val is not None and idx is None else {}
    if isinstance(node, ast.BinOp):
        return {**list_elements(scope, node.left, line), **list_elements(scope, node.right, line)}
    if isinstance(node, (ast.List, ast.Tuple)):
        return {literal(e, scope.src.consts): (scope.src, e) for e in node.elts}
    return {}


_CACHE: dict[str, Any] = {"an": None}  # per analysis (the latest one only): module scopes, pairs


def cache(an: Analysis) -> dict[str, Any]:
    if _CACHE["an"] is not an:
        _CACHE.clear()
        _CACHE.update(an=an, modules={}, pairs=None)
    return _CACHE


def module_scope(an: Analysis, src) -> Scope:
    mods = cache(an)["modules"]
    if src.file not in mods:
        mods[src.file] = Scope(an, src, src.tree)
    return mods[src.file]


@dataclass
class Pair:
    """An (X, y) pair a model is fitted on, resolved: X's columns and y's (base, column)."""

    src: Any
    node: ast.AST
    scope: Scope
    cols: Cols | None
    y: tuple | None


def pairs(an: Analysis) -> list[Pair]:
    """Every (X, y) pair of the analysed files (computed once per analysis)."""
    c = cache(an)
    if c["pairs"] is not None:
        return c["pairs"]
    out = []
    for src in an.sources:
        mod = module_scope(an, src)
        scopes: dict[int, Scope] = {}
        rets = [r for f in src.of_type(ast.FunctionDef) if f.name == "__getitem__" for r in ast.walk(f)]
        for call in src.of_type(ast.Call) + [r for r in rets if isinstance(r, ast.Return)]:
            pair = xy_of(call)
            if pair is None:
                continue
            fn = enclosing_def(src, call)
            if fn is not None and id(fn) not in scopes:
                scopes[id(fn)] = Scope(an, src, fn, mod)
            scope = scopes[id(fn)] if fn is not None else mod
            line = getattr(call, "lineno", 0)
            out.append(Pair(src, call, scope, scope.cols(pair[0], line), target_of(scope, pair[1], line)))
    c["pairs"] = out
    return out


def scope_nodes(fn: ast.AST):
    """The nodes of a function body (or module), not descending into nested defs and classes."""
    stack = list(fn.body) if hasattr(fn, "body") else []
    while stack:
        n = stack.pop()
        yield n
        for c in ast.iter_child_nodes(n):
            if not isinstance(c, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
                stack.append(c)


def target_of(scope: Scope, node: ast.AST, line: int, depth: int = 0) -> tuple[str | None, object] | None:
    """``(base, column)`` of the label expression: ``df["price"]``, ``np.log(df[T])``, ``a[:, -1]``;
    ``(None, "pop")`` for ``df.pop(...)`` (gone from the frame)."""
    if depth > 10 or node is None:
        return None
    if isinstance(node, ast.Name):
        val, idx, at = scope.lookup(node.id, line)
        if val is None:
            return None
        if idx is not None:
            if isinstance(val, ast.Call) and call_tail(val) in C.SPLIT_FUNCS:
                args = [a for a in val.args if not isinstance(a, ast.Starred)]
                return target_of(scope, args[idx // 2], at, depth + 1) if len(args) > idx // 2 else None
            return None
        return target_of(scope, val, at, depth + 1)
    if isinstance(node, ast.Subscript):
        sl = node.slice
        if isinstance(sl, ast.Tuple) and len(sl.elts) == 2 and isinstance(sl.elts[0], ast.Slice):
            frame = node.value
            if isinstance(frame, ast.Attribute) and frame.attr in ("iloc", "loc"):
                frame = frame.value
            key = scope.name_value(sl.elts[1])
            return (base_of(scope, frame, line), key) if isinstance(key, (str, int)) else None
        key = scope.name_value(sl)
        if isinstance(key, str):
            return base_of(scope, node.value, line), key
        if isinstance(sl, ast.Attribute) and dotted(sl):  # row[self.target]: a column named elsewhere
            return base_of(scope, node.value, line), dotted(sl)
        return target_of(scope, node.value, line, depth + 1) if is_rows(node) else None
    if isinstance(node, ast.Attribute) and node.attr in Y_FUNCS:
        return target_of(scope, node.value, line, depth + 1)
    if isinstance(node, ast.Call):
        tail = call_tail(node) or ""
        if tail == "pop":
            return None, "pop"
        if tail in Y_FUNCS | SAME:
            if isinstance(node.func, ast.Attribute) and tail not in ("fit_transform", "log", "log1p", "sqrt", "exp"):
                if dotted(node.func.value) not in ("np", "numpy", "torch", "pd"):
                    return target_of(scope, node.func.value, line, depth + 1)
            return target_of(scope, node.args[0], line, depth + 1) if node.args else None
    return None


def base_of(scope: Scope, frame: ast.AST, line: int) -> str | None:
    c = scope.cols(frame, line)
    return c.base if c is not None else dotted(frame)


def enclosing_def(src, node):
    p = src.parent(node)
    while p is not None and not isinstance(p, (ast.FunctionDef, ast.AsyncFunctionDef)):
        p = src.parent(p)
    return p


def xy_of(call: ast.AST) -> tuple[ast.expr, ast.expr] | None:
    if isinstance(call, ast.Return):  # a Dataset's __getitem__ returns (inputs, label)
        v = call.value
        return (v.elts[0], v.elts[1]) if isinstance(v, ast.Tuple) and len(v.elts) == 2 else None
    if not isinstance(call, ast.Call):
        return None
    tail = call_tail(call) or ""
    args = [a for a in call.args if not isinstance(a, ast.Starred)]
    kw = {k.arg: k.value for k in call.keywords}
    if tail == "fit" and isinstance(call.func, ast.Attribute):
        X, y = (args + [None, None])[:2]
        X, y = X or kw.get("X"), y or kw.get("y")
    elif tail in C.CV_FUNCS:
        X, y = (args[1:] + [None, None])[:2]
        X, y = X or kw.get("X"), y or kw.get("y")
    else:
        return None
    return (X, y) if X is not None and y is not None else None
