"""DATA_LEAKAGE through model selection: the score reported is the one that was maximised.

Rules
    cv-score-as-final        ``GridSearchCV(...).best_score_`` / ``cv_results_`` reported with no
                             later evaluation on rows the search never saw (nested CV is fine)
    selection-on-test        a loop choosing a hyper-parameter, model or threshold by its score
                             on held-out rows, with no evaluation on other untouched rows after it
    early-stopping-on-test   early stopping watches ``eval_set`` / ``validation_data`` rows that
                             are then used for the final score
"""

from __future__ import annotations

import ast

from .base import Finding, Loc, call_tail, finding, kwarg, name_tokens
from .program import Analysis
from .source import Source

CODE = "DATA_LEAKAGE"
PICKERS = {"max", "min", "argmax", "argmin", "idxmax", "idxmin", "nlargest", "nsmallest"}
EVAL_CALLS = {"predict", "predict_proba", "decision_function", "score", "evaluate"}
EARLY_STOP = {"EarlyStopping", "early_stopping"}


def check(an: Analysis) -> list[Finding]:
    out = cv_score_as_final(an)
    for src in an.sources:
        out += selection_loops(an, src)
        out += early_stopping(src)
    return out


def held_out_after(an: Analysis, order: int) -> bool:
    return any(
        e.order > order and "test" in e.roles and not e.roles & {"train", "full"}
        for e in an.events("metric", "predict")
    )


def cv_score_as_final(an: Analysis) -> list[Finding]:
    fits = [e for e in an.events("fit") if e.obj is not None and e.obj.kind == "search"]
    nested = {id(e.obj) for e in an.events("metric") if e.obj is not None and e.obj.kind == "search"}
    reported = [
        (src, n)
        for src in an.sources
        for n in ast.walk(src.tree)
        if isinstance(n, ast.Attribute) and n.attr in ("best_score_", "cv_results_")
    ]
    if not fits or not reported or nested:
        return []
    last = max(fits, key=lambda e: e.order)
    if held_out_after(an, last.order):
        return []
    src, node = reported[0]
    return [
        finding(
            CODE,
            "cv-score-as-final",
            src.loc(node),
            f"{node.attr} of {last.name} is the best of the cross-validated scores it searched over: "
            "reported as the result, it is optimistic, and no rows the search never saw are scored.",
            0.7,
            "Hold out a test split before the search (or use nested cross-validation) and report the "
            "tuned model's score on it.",
        )
    ]


def best_name(n: ast.AST) -> bool:
    return isinstance(n, ast.Name) and "best" in name_tokens(n.id)


def picks_best(loop: ast.AST, after: list[ast.stmt]) -> bool:
    """A choice by score: ``if s > best``, ``best_k = ...`` in the loop, ``max``/``argmax`` after it."""
    for n in ast.walk(loop):
        if isinstance(n, ast.Compare) and any(best_name(x) for x in [n.left, *n.comparators]):
            return True
        if isinstance(n, ast.Assign) and any(best_name(t) for t in n.targets):
            return True
    for st in after:
        for n in ast.walk(st):
            if isinstance(n, ast.Call) and call_tail(n) in PICKERS:
                return True
            if isinstance(n, ast.Assign) and any(best_name(t) for t in n.targets):
                return True
    return False


def eval_arg(node: ast.AST) -> str | None:
    """The held-out rows an evaluation call reads: ``X_val`` in ``m.score(X_val, y)``,
    ``y_val`` in ``f1_score(y_val, pred)``."""
    if isinstance(node, ast.Call) and node.args:
        return ast.unparse(node.args[0])
    return None


def inner_loop_holds(loop: ast.AST, held: list) -> bool:
    for n in ast.walk(loop):
        if isinstance(n, (ast.For, ast.While)) and n is not loop:
            if any(n.lineno <= e.loc.line <= (n.end_lineno or n.lineno) for e in held):
                return True
    return False


def selection_loops(an: Analysis, src: Source) -> list[Finding]:
    out = []
    metrics = [e for e in an.events("metric", "predict") if e.loc.file == src.file]
    for loop in ast.walk(src.tree):
        if not isinstance(loop, (ast.For, ast.While)):
            continue
        fn = src.function_of(loop)
        end = loop.end_lineno or loop.lineno
        inside = [e for e in metrics if e.loc.function == fn and loop.lineno <= e.loc.line <= end]
        held = [e for e in inside if e.kind == "metric" and e.roles & {"test", "cv"} and "train" not in e.roles]
        if not held or inner_loop_holds(loop, held):
            continue  # judged at the innermost loop holding the scores
        body = src.parent(loop)
        after = [s for s in getattr(body, "body", []) if isinstance(s, ast.stmt) and s.lineno > end]
        if not picks_best(loop, after[:6]):
            continue
        first = min(inside, key=lambda e: e.order)
        last = max(inside, key=lambda e: e.order)
        seen = {eval_arg(e.node) for e in inside} - {None}
        later = [
            e
            for e in an.events("metric", "predict")
            if e.order > last.order
            and "test" in e.roles
            and not e.roles & {"train", "full"}
            and not (e.loc.file == src.file and loop.lineno <= e.loc.line <= end)
        ]
        if any(eval_arg(e.node) not in seen for e in later):
            continue  # a final score on other untouched rows
        cv = all("cv" in e.roles for e in held)
        rule, conf = ("cv-score-as-final", 0.6) if cv else ("selection-on-test", 0.7)
        line = held[0].loc
        loc = Loc(src.file, loop.lineno, line.end_line, fn) if line.end_line - loop.lineno < 12 else line
        rows = "cross-validated" if cv else "held-out"
        out.append(
            finding(
                CODE,
                rule,
                loc,
                f"the loop at line {loop.lineno} picks the best setting by its {rows} score (line "
                f"{first.loc.line}) and no other untouched rows are scored afterwards: the reported score is "
                "the maximum over many tries on the same rows, so it is optimistic.",
                conf,
                "Choose the setting on a validation split or by cross-validation on the training rows, then "
                "score the chosen model once on a test split kept aside.",
            )
        )
    return out


def early_stopping(src: Source) -> list[Finding]:
    out = []
    stops = any(
        (isinstance(n, ast.Call) and call_tail(n) in EARLY_STOP)
        or (isinstance(n, ast.keyword) and n.arg in ("early_stopping_rounds", "early_stopping"))
        for n in ast.walk(src.tree)
    )
    if not stops:
        return []
    calls = src.calls()
    for call in calls:
        watched = kwarg(call, "eval_set") or kwarg(call, "validation_data") or kwarg(call, "valid_sets")
        if watched is None or call_tail(call) not in ("fit", "train"):
            continue
        sets = watched.elts if isinstance(watched, ast.List) else [watched]
        texts = set()
        for s in sets:
            first = s.elts[0] if isinstance(s, ast.Tuple) and s.elts else s
            texts.add(ast.unparse(first))
        train_x = ast.unparse(call.args[0]) if call.args else None
        texts.discard(train_x)
        reused = [
            c
            for c in calls
            if c.lineno > call.lineno and call_tail(c) in EVAL_CALLS and c.args and ast.unparse(c.args[0]) in texts
        ]
        if not reused:
            continue
        out.append(
            finding(
                CODE,
                "early-stopping-on-test",
                src.loc(call),
                f"early stopping picks the number of rounds on {sorted(texts)[0]}, and the final score "
                f"(line {reused[0].lineno}) is computed on the same rows: the test set took part in training.",
                0.8,
                "Early-stop on a validation split carved out of the training rows; score the test rows once.",
            )
        )
    return out
