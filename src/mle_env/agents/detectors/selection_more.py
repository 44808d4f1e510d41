"""DATA_LEAKAGE through model selection (see ``selection``): the choices made outside a plain
loop — boosting rounds from ``staged_predict``, an optuna/hyperopt objective, the best epoch of
a torch training loop, early stopping watching the rows that are then scored."""

from __future__ import annotations

import ast

from .base import Finding, Loc, base_name, call_tail, dotted, kwarg
from .catalog import CV_FUNCS, METRICS
from .program import Analysis
from .selection import (
    EARLY_STOP,
    EVAL_CALLS,
    FITS,
    LOOPS,
    OPTIMIZERS,
    STAGED,
    after_stmts,
    enclosing_loops,
    names_in,
    origin,
    picker_in,
    picks_best,
    selected,
    stmt_of,
    wrapped,
)
from .source import Source


def staged_on_test(an: Analysis, src: Source) -> list[Finding]:
    """``[score(p) for p in gb.staged_predict(X_te)]`` then ``argmax``: rounds chosen on the test rows."""
    out = []
    calls = src.calls()
    genv = an.program.genv.get(src.file, {})
    for call in calls:
        if call_tail(call) not in STAGED or not call.args or not isinstance(call.func, ast.Attribute):
            continue
        recv, rows = dotted(call.func.value), base_name(call.args[0])
        fitted = {
            base_name(c.args[0])
            for c in calls
            if call_tail(c) in FITS and c.args and isinstance(c.func, ast.Attribute) and dotted(c.func.value) == recv
        }
        val = genv.get(rows) if rows else None
        if rows is None or rows in fitted or (val is not None and "train" in val.roles):
            continue
        st = stmt_of(src, call)
        if not picker_in([st, *after_stmts(src, st)[:4]]):
            continue
        seen = names_in(st) | fitted
        fn = src.function_of(call)
        later = [
            c for c in calls
            if c.lineno > (st.end_lineno or st.lineno) and src.function_of(c) == fn and c.args
            and call_tail(c) in EVAL_CALLS | METRICS and base_name(c.args[0]) not in seen
        ]  # fmt: skip
        if later:
            continue
        msg = (
            f"the number of boosting rounds is chosen by the scores of {call_tail(call)}() on {rows}, the rows "
            "that are then reported: the score is the best of many tries on the test set, so it is optimistic."
        )
        out.append(selected("selection-on-test", src.loc(st), msg, 0.7))
    return out


def objective_on_test(src: Source) -> list[Finding]:
    """An optuna/hyperopt/skopt objective that scores held-out rows, its best value the only result."""
    out = []
    defs = {f.name: f for f in src.of_type(ast.FunctionDef)}
    for call in src.calls():
        if call_tail(call) not in OPTIMIZERS:
            continue
        arg = kwarg(call, "fn") or kwarg(call, "func") or (call.args[0] if call.args else None)
        fdef = defs.get(arg.id) if isinstance(arg, ast.Name) else None
        if fdef is None:
            continue
        inner = [c for c in ast.walk(fdef) if isinstance(c, ast.Call)]
        fit_rows = {base_name(c.args[0]) for c in inner if call_tail(c) in FITS and c.args} - {None}
        evals = {base_name(c.args[0]) for c in inner if call_tail(c) in EVAL_CALLS and c.args} - {None}
        cv = [c for c in inner if call_tail(c) in CV_FUNCS]
        scores = [c for c in inner if call_tail(c) in METRICS | {"score"} and c.args]
        rows = evals - fit_rows
        if not (rows and scores) and not cv:
            continue
        used = rows | fit_rows | {base_name(c.args[1]) for c in cv if len(c.args) > 1}
        later = [
            c for c in src.calls()
            if c.lineno > (call.end_lineno or call.lineno) and not fdef.lineno <= c.lineno <= (fdef.end_lineno or 0)
            and call_tail(c) in EVAL_CALLS | METRICS and c.args and not names_in(c) & used
        ]  # fmt: skip
        if later:
            continue
        at = (scores or cv)[0]
        rule, conf = ("selection-on-test", 0.7) if rows and scores else ("cv-score-as-final", 0.6)
        msg = (
            f"{fdef.name}() scores each trial on {', '.join(sorted(map(str, rows))) or 'CV folds'} and the "
            f"search (line {call.lineno}) keeps the best: with no other untouched rows scored afterwards, the "
            "reported best value is optimistic."
        )
        out.append(selected(rule, src.loc(at), msg, conf))
    return out


def best_epoch_on_test(src: Source) -> list[Finding]:
    """A training loop (``loss.backward()``) that keeps the epoch with the best score on held-out rows
    and reports it, with no other untouched rows scored after the loop."""
    out = []
    wrap = wrapped(src)
    for loop in src.of_type(*LOOPS):
        backs = [c for c in ast.walk(loop) if isinstance(c, ast.Call) and call_tail(c) == "backward"]
        if not backs or any(isinstance(p, LOOPS) and backs[0] in ast.walk(p) for p in enclosing_loops(src, loop)):
            continue  # judged at the outermost training loop
        inner = enclosing_loops(src, backs[0])
        if inner and inner[0] is not loop:  # for batch in loader: ... backward()
            span = range(inner[0].lineno, (inner[0].end_lineno or inner[0].lineno) + 1)
        else:  # the epoch loop's own statements up to backward()
            span = range(loop.lineno, (stmt_of(src, backs[0]).end_lineno or backs[0].lineno) + 1)

        def net_calls(node: ast.AST) -> list[ast.Call]:
            return [
                c for c in ast.walk(node)
                if isinstance(c, ast.Call) and isinstance(c.func, (ast.Name, ast.Attribute)) and c.args
                and isinstance(c.args[0], (ast.Name, ast.Subscript, ast.Attribute))
            ]  # fmt: skip

        trained = [c for c in net_calls(loop) if c.lineno in span]
        nets = {dotted(c.func) for c in trained} - {None}
        train_rows = {origin(src, c.args[0], wrap) for c in trained} - {None}
        evals = [c for c in net_calls(loop) if c.lineno not in span and dotted(c.func) in nets]
        rows = {origin(src, c.args[0], wrap) for c in evals} - train_rows - {None}
        if not rows or not picks_best(loop, []):
            continue
        rest = after_stmts(src, loop)
        used = rows | train_rows
        roots = {n.split(".")[0] for n in nets if n}
        honest = any(
            (dotted(c.func) in nets and origin(src, c.args[0], wrap) not in used)
            or (
                any(isinstance(a, ast.Name) and a.id in roots for a in c.args)
                and any(origin(src, a, wrap) not in used | roots | {None} for a in c.args)
            )
            for st in rest
            for c in net_calls(st)
        )
        if honest:
            continue
        first = min(evals, key=lambda c: c.lineno)
        msg = (
            f"the training loop at line {loop.lineno} keeps the epoch with the best score on "
            f"{', '.join(sorted(map(str, rows)))} (line {first.lineno}) and no other untouched rows are scored "
            "after it: "
            "the reported score is the best of many epochs on the same rows, so it is optimistic."
        )
        fix = "Pick the epoch on a validation split carved out of the training rows; score the test rows once."
        out.append(
            selected(
                "selection-on-test",
                Loc(src.file, first.lineno, first.end_lineno or first.lineno, src.function_of(first)),
                msg,
                0.65,
                fix,
            )
        )
    return out


def stops_early(nodes) -> bool:
    """Whether these nodes hold an early-stopping callback or ``early_stopping_rounds=``."""
    return any(
        (isinstance(n, ast.Call) and call_tail(n) in EARLY_STOP)
        or (isinstance(n, ast.keyword) and n.arg in ("early_stopping_rounds", "early_stopping"))
        for n in nodes
    )


def early_stopping(src: Source) -> list[Finding]:
    out = []
    if not stops_early(src.nodes):
        return []
    calls, wrap = src.calls(), wrapped(src)
    for call in calls:
        watched = next(
            (
                kwarg(call, k)
                for k in ("eval_set", "validation_data", "valid_sets", "evals")
                if kwarg(call, k) is not None
            ),
            None,
        )
        if watched is None or call_tail(call) not in ("fit", "train"):
            continue
        sets = watched.elts if isinstance(watched, ast.List) else [watched]
        rows = set()
        for s in sets:
            rows |= {origin(src, x, wrap) for x in (s.elts if isinstance(s, ast.Tuple) else [s])}
        train = {
            origin(src, a, wrap)
            for a in [*call.args, *(k.value for k in call.keywords if k.arg in ("dtrain", "train_set", "X", "y"))]
        }
        rows -= train | {None}
        later = [c for c in calls if c.lineno > call.lineno and c.args and call_tail(c) in EVAL_CALLS | METRICS]
        reused = [c for c in later if origin(src, c.args[0], wrap) in rows]
        other = [
            c
            for c in later
            if call_tail(c) not in ("predict", "predict_proba", "decision_function")
            and origin(src, c.args[0], wrap) not in rows | train
        ]
        if not reused or other:
            continue
        msg = (
            f"early stopping picks the number of rounds on {sorted(map(str, rows))[0]}, and the final score "
            f"(line {reused[0].lineno}) is computed on the same rows: the test set took part in training."
        )
        fix = "Early-stop on a validation split carved out of the training rows; score the test rows once."
        out.append(selected("early-stopping-on-test", src.loc(call), msg, 0.8, fix))
    return out


def early_stopping_flow(an: Analysis, found: list[Finding]) -> list[Finding]:
    """``early_stopping`` followed across functions and files: a training call that watches rows
    the dataflow knows are the test rows (``fit_with_early_stopping(X_tr, y_tr, X_te, y_te)`` in
    one file, ``lgb.train(..., valid_sets=[Dataset(X_stop, y_stop)])`` in another), with early
    stopping in its file and a score on the test rows afterwards."""
    from .leakage import on_test_rows

    have = {(f.file, f.line) for f in found if f.rule == "early-stopping-on-test"}
    srcs = {s.file: s for s in an.sources}
    scored = [m for m in an.events("metric") if "test" in m.roles]
    out = []
    for ev in an.events("watch"):
        src = srcs.get(ev.loc.file)
        if src is None or not on_test_rows(ev) or not any(m.order > ev.order for m in scored):
            continue
        stops = stops_early(ast.walk(ev.node)) or stops_early(src.of_type(ast.Call))  # in the call, or a callback
        where = ev.via[0] if ev.via else ev.loc  # the call that hands the test rows over
        if not stops or (where.file, where.line) in have or (ev.loc.file, ev.loc.line) in have:
            continue
        have.add((where.file, where.line))
        called = f" (called at {where.file}:{where.line})" if ev.via else ""
        msg = (
            f"early stopping at line {ev.loc.line} of {ev.loc.file}{called} watches the test rows, which are "
            "scored afterwards: the number of rounds was chosen on the test set."
        )
        fix = "Early-stop on a validation split carved out of the training rows; score the test rows once."
        out.append(selected("early-stopping-on-test", where, msg, 0.75, fix))
    return out
