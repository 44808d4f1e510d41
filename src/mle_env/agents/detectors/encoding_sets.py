"""ENCODING_ERROR: the same categories coded differently for the rows a model learns from and
the rows it is asked about (rules ``encoder-refit-on-test`` for a re-fit at predict time and
``encoding-per-dataset``; see ``encoding``)."""

from __future__ import annotations

import ast

from . import catalog as C
from .base import Finding, base_name, call_tail, dotted, finding, literal
from .program import Analysis

CODE = "ENCODING_ERROR"


def refit_mismatch(an: Analysis) -> list[Finding]:
    """A model predicts on rows whose encoding came from another encoder fit than its training rows'."""
    kinds = ("encoder", "vectorizer")
    enc = lambda v: {f for f in v.fits if f.est_kind in kinds}  # noqa: E731
    fits = [e for e in an.events("fit") if e.est_kind == "model" and e.obj is not None and enc(e.data)]
    out, seen = [], set()
    for p in an.events("predict"):
        f = max((f for f in fits if f.obj is p.obj and f.order < p.order), key=lambda e: e.order, default=None)
        if f is None:
            continue
        other = sorted(enc(p.data) - enc(f.data), key=lambda e: e.order)
        if not other or other[0].loc in seen or not any(e.method in ("fit", "fit_transform") for e in other):
            continue
        seen.add(other[0].loc)
        out.append(
            finding(
                CODE,
                "encoder-refit-on-test",
                other[0].loc,
                f"{other[0].name} is fitted again on the rows {p.method}() is asked about (line {p.loc.line}), "
                f"not reused from training (line {sorted(enc(f.data), key=lambda e: e.order)[0].loc.line}): "
                "categories get other codes or columns than the model learned.",
                0.8,
                f"Fit {other[0].name} once on the training rows and only transform() the new rows with it.",
            )
        )
    return out


def encoding_sites(src) -> list[tuple[ast.AST, ast.expr, str]]:
    """Encodings learned from the values they are applied to: (node, the data, what)."""
    out: list[tuple[ast.AST, ast.expr, str]] = []
    for node in src.of_type(ast.Call, ast.Attribute, ast.DictComp):
        if isinstance(node, ast.Call):
            tail = call_tail(node)
            if tail == "factorize" and (node.args or isinstance(node.func, ast.Attribute)):
                recv = node.func.value if isinstance(node.func, ast.Attribute) else None
                arg: ast.expr | None = node.args[0] if node.args else recv
                if recv is not None and dotted(recv) not in ("pd", "pandas", "np", "numpy"):
                    arg = recv
                if arg is not None:
                    out.append((node, arg, "factorize()"))
            elif tail in ("fit", "fit_transform") and isinstance(node.func, ast.Attribute) and node.args:
                recv = node.func.value
                if isinstance(recv, ast.Call) and C.kind_of(src.cls(recv.func)) in ("encoder", "vectorizer"):
                    out.append((node, node.args[0], f"{src.cls(recv.func)}().{tail}()"))
        elif isinstance(node, ast.Attribute) and node.attr == "codes" and isinstance(node.value, ast.Attribute):
            inner = node.value.value
            if node.value.attr == "cat" and isinstance(inner, ast.Call) and call_tail(inner) == "astype":
                if inner.args and literal(inner.args[0]) == "category" and isinstance(inner.func, ast.Attribute):
                    out.append((node, inner.func.value, 'astype("category").cat.codes'))
        elif isinstance(node, ast.DictComp) and len(node.generators) == 1:
            it = node.generators[0].iter
            if isinstance(it, ast.Call) and call_tail(it) == "enumerate" and it.args:
                data = it.args[0]
                while isinstance(data, ast.Call) and call_tail(data) in ("sorted", "set", "unique", "list"):
                    if data.args:
                        data = data.args[0]
                    elif isinstance(data.func, ast.Attribute):
                        data = data.func.value
                    else:
                        break
                if data is not it.args[0]:
                    out.append((node, data, "a vocabulary built from the values"))
    return out


def per_dataset(an: Analysis) -> list[Finding]:
    out = []
    for src in an.sources:
        groups: dict[tuple, set] = {}
        for node, data, what in encoding_sites(src):
            base = base_name(data)
            if base is None:
                continue
            fn = enclosing(src, node, (ast.FunctionDef, ast.AsyncFunctionDef))
            loop = loop_over(src, node, base)
            via: list = []
            sets = loop or (callers(an, src, fn, base, via=via) if fn is not None and base in params_of(fn) else None)
            if sets is None and fn is not None and under_if(src, node, fn):
                continue
            if sets is None:
                text = ast.unparse(data).replace(base, "_", 1)
                groups.setdefault((id(fn), text, what), set()).add((base, node))
                continue
            if len(sets) >= 2:  # reported where the per-dataset wrapper calls it, if through one
                at_src, at = via[0] if via else (src, node)
                out.append(per_dataset_finding(at_src, at, what, sorted(sets)))
        for (_, _, what), hits in groups.items():
            bases = sorted({b for b, _ in hits})
            if len(bases) >= 2:
                node = max((n for _, n in hits), key=lambda n: n.lineno)
                out.append(per_dataset_finding(src, node, what, bases))
    return out


def per_dataset_finding(src, node, what: str, sets: list[str]) -> Finding:
    return finding(
        CODE,
        "encoding-per-dataset",
        src.loc(node),
        f"{what} is learned separately on each of {', '.join(sets[:3])}: a category gets a different code "
        "in each (and one missing from a part shifts the others), so the model reads the wrong categories.",
        0.75,
        "Learn the mapping once on the training data (an encoder fitted on train, or a shared "
        "pd.CategoricalDtype) and apply that same mapping to every dataset.",
    )


def enclosing(src, node, types):
    p = src.parent(node)
    while p is not None and not isinstance(p, types):
        p = src.parent(p)
    return p


def under_if(src, node, fn) -> bool:
    p = src.parent(node)
    while p is not None and p is not fn:
        if isinstance(p, (ast.If, ast.IfExp)):
            return True
        p = src.parent(p)
    return False


def loop_over(src, node, base: str) -> set | None:
    """The frames of ``for base in (a, b):`` around ``node`` (None if not such a loop)."""
    p = src.parent(node)
    while p is not None and not isinstance(p, (ast.FunctionDef, ast.AsyncFunctionDef)):
        if isinstance(p, ast.For) and isinstance(p.target, ast.Name) and p.target.id == base:
            elts = p.iter.elts if isinstance(p.iter, (ast.Tuple, ast.List)) else []
            names = {dotted(e) for e in elts}
            return names if len(elts) >= 2 and None not in names else None
        p = src.parent(p)
    return None


def params_of(fn) -> list[str]:
    a = fn.args
    return [p.arg for p in a.posonlyargs + a.args if p.arg not in ("self", "cls")]


def callers(an: Analysis, src, fn, param: str, depth: int = 0, via: list | None = None) -> set | None:
    """The distinct arguments the project passes to ``fn``'s ``param`` (through wrappers)."""
    idx = params_of(fn).index(param)
    found: set = set()
    for other in an.sources:
        for call in other.of_type(ast.Call):
            got = an.program.resolve(other, call.func)
            if got is None or got[1] is not fn:
                continue
            arg = (
                call.args[idx]
                if idx < len(call.args)
                else next((k.value for k in call.keywords if k.arg == param), None)
            )
            outer = enclosing(other, call, (ast.FunctionDef, ast.AsyncFunctionDef))
            name = dotted(arg) or (ast.unparse(arg) if arg is not None else None)
            if arg is not None and outer is not None and base_name(arg) in params_of(outer):
                name = base_name(arg)
            if name and outer is not None and name in params_of(outer) and depth < 2:
                if via is not None:
                    via.append((other, call))
                found |= callers(an, other, outer, name, depth + 1, via) or set()
            elif name:
                found.add(name)
    return found
