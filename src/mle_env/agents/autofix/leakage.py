"""Fixers for leakage: fits before the split or outside CV, fits on train+test, resampled test sets."""

from __future__ import annotations

import ast
import re

from mle_env.agents.detectors import Finding
from mle_env.agents.detectors.base import call_tail, role_from_name

from .edit import (
    Text,
    add_import,
    at_line,
    blocks,
    calls_in,
    chain,
    fresh_name,
    loads,
    scope,
    snake,
    split_stmt,
    stores,
    substitute,
)

CV_FUNCS = {"cross_val_score", "cross_validate", "cross_val_predict"}


def fix_fit_before_split(source: str, tree: ast.Module, f: Finding) -> str | None:
    text, sc = Text(source), scope(tree, f.function)
    for block in blocks(sc):
        found = split_stmt(block, f.line)
        if not found:
            continue
        i, split = found
        args, outs = split.value.args, [e.id if isinstance(e, ast.Name) else None for e in split.targets[0].elts]
        if None in outs or len(outs) != 2 * len(args):
            return None
        x, y = args[0].id, text.seg(args[1]) if len(args) > 1 else None
        got = chain(text, block, i, x, y)
        if got is None:
            return fit_then_split(text, tree, block, i, split, f)
        steps, x0, y0, stmts = got
        between = [st for st in block[block.index(stmts[0]) : i] if st not in stmts]
        needed = {n.id for n in ast.walk(ast.parse(x0, mode="eval")) if isinstance(n, ast.Name)} | {y0}
        if stores(between) & needed:
            return None
        if any(loads(sc, n, stmts + [split]) for n in stores(stmts) - needed - {x}) or (
            x not in needed and loads(sc, x, stmts + [split])
        ):
            return None
        xtr, xte = outs[0], outs[1]
        ytr = outs[2] if len(outs) >= 4 else None
        ind = text.indent(split)
        subs = {id(args[0]): x0}
        if y is not None and y0 != y:
            subs |= {id(n): y0 for n in ast.walk(split.value) if isinstance(n, ast.Name) and n.id == y}
        call = substitute(text, split.value, subs)
        lines = (", ".join(outs) + " = " + call).splitlines()
        lines = lines[:1] + [ln[len(ind) :] if ln.startswith(ind) else ln for ln in lines[1:]]
        used = set(re.findall(r"\w+", source))
        for kind, obj, sup in steps:
            o = text.seg(obj)
            if isinstance(obj, ast.Call):
                name = fresh_name(snake(call_tail(obj) or "step"), used)
                lines.append(f"{name} = {o}")
                o = name
            if kind == "rs":
                lines.append(f"{xtr}, {ytr} = {o}.fit_resample({xtr}, {ytr})")
            else:
                lines.append(f"{xtr} = {o}.fit_transform({xtr}{', ' + ytr if sup and ytr else ''})")
                lines.append(f"{xte} = {o}.transform({xte})")
        for st in stmts:
            text.replace_stmt(st, [])
        text.replace_stmt(split, lines)
        return text.result()
    return None


def fit_then_split(text: Text, tree, block, i, split, f: Finding) -> str | None:
    """``imp.fit(X)`` before the split, ``imp.transform(X_tr)`` after: fit on the train part."""
    args, outs = split.value.args, [e.id for e in split.targets[0].elts]
    for st in block[:i]:
        v = st.value if isinstance(st, ast.Expr) else None
        if isinstance(v, ast.Call) and call_tail(v) == "fit" and f.line <= st.lineno <= f.end_line and v.args:
            repl = {a.id: outs[2 * k] for k, a in enumerate(args) if isinstance(a, ast.Name)}
            if not all(isinstance(a, ast.Name) and a.id in repl for a in v.args):
                return None
            new = text.seg(v.func) + "(" + ", ".join(repl[a.id] for a in v.args) + ")"
            text.replace_stmt(st, [])
            text.insert_after(split, [new])
            return text.result()
    return None


def fix_outside_cv(source: str, tree: ast.Module, f: Finding) -> str | None:
    text, sc = Text(source), scope(tree, f.function)
    for block in blocks(sc):
        for i, st in enumerate(block):
            cvs = [c for c in calls_in(st, CV_FUNCS) if st.lineno >= f.line and len(c.args) >= 2]
            if not cvs or not isinstance(cvs[0].args[1], ast.Name):
                continue
            cv = cvs[0]
            y = text.seg(cv.args[2]) if len(cv.args) > 2 else None
            got = chain(text, block, i, cv.args[1].id, y)
            if got is None or any(kind != "ft" for kind, _, _ in got[0]):
                return None
            steps, x0, _, stmts = got
            parts = [text.seg(o) if isinstance(o, ast.Call) else f"clone({text.seg(o)})" for _, o, _ in steps]
            text.replace(cv.args[0], "make_pipeline(" + ", ".join(parts + [text.seg(cv.args[0])]) + ")")
            text.replace(cv.args[1], x0)
            names = {
                n.id for s in stmts for n in ast.walk(s) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)
            }
            if not any(loads(sc, n, stmts + [cv.args[1]]) for n in names - {x0}):
                for s in stmts:
                    text.replace_stmt(s, [])
            add_import(text, tree, "from sklearn.pipeline import make_pipeline", "make_pipeline")
            if any("clone(" in p for p in parts):
                add_import(text, tree, "from sklearn.base import clone", "clone")
            return text.result()
    return None


def fix_combined(source: str, tree: ast.Module, f: Finding) -> str | None:
    """``scaler.fit(np.vstack([X_train, X_test]))`` → ``scaler.fit(X_train)``."""
    for call in at_line(tree, f, {"fit", "fit_transform"}):
        arg = call.args[0] if call.args else None
        inner = arg.args[0] if isinstance(arg, ast.Call) and arg.args else None
        if isinstance(inner, (ast.List, ast.Tuple)):
            train = [e for e in inner.elts if isinstance(e, ast.Name) and role_from_name(e.id) == "train"]
            if len(train) == 1:
                text = Text(source)
                text.replace(arg, train[0].id)
                return text.result()
    return None


def fix_resample_test(source: str, tree: ast.Module, f: Finding) -> str | None:
    for block in blocks(scope(tree, f.function)):
        for st in block:
            if (
                st.lineno == f.line
                and isinstance(st, ast.Assign)
                and calls_in(st.value, {"fit_resample"})
                and all(role_from_name(n.id) == "test" for n in ast.walk(st.targets[0]) if isinstance(n, ast.Name))
            ):
                text = Text(source)
                text.replace_stmt(st, ["pass"] if len(block) == 1 else [])
                return text.result()
    return None
