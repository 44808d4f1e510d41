"""DATA_LEAKAGE through model selection: the score reported is the one that was maximised.

Rules
    cv-score-as-final        ``GridSearchCV(...).best_score_`` / ``cv_results_`` reported with no
                             later evaluation on rows the search never saw (nested CV is fine);
                             the tuned ``best_estimator_`` cross-validated again on the search's rows
    selection-on-test        a loop (or comprehension) choosing a hyper-parameter, model, feature set
                             or epoch by its score on held-out rows, a threshold read off a
                             precision-recall/ROC curve of those rows, the best of ``staged_predict``
                             rounds, or an optuna/hyperopt objective scored on them — with no
                             evaluation on other untouched rows after it
    early-stopping-on-test   early stopping watches ``eval_set`` / ``validation_data`` /
                             ``valid_sets`` rows that are then used for the final score

"Held-out" comes from the dataflow roles (a ``test`` part) or, where the roles say nothing, from
the data: an evaluation on other variables than the ones the model is trained on.
"""

from __future__ import annotations

import ast
from typing import Any

from .base import Finding, Loc, base_name, call_tail, finding, name_tokens
from .catalog import CV_FUNCS
from .program import Analysis
from .source import Source

CODE = "DATA_LEAKAGE"
PICKERS = {
    "max", "min", "argmax", "argmin", "idxmax", "idxmin", "nlargest", "nsmallest", "nanargmax", "nanargmin",
    "sort_values", "sorted", "argsort",  # a ranking of the candidates by score: its head is the choice
}  # fmt: skip
CHOICE_WORDS = {"best", "winner", "champion", "chosen"}
EVAL_CALLS = {"predict", "predict_proba", "decision_function", "score", "evaluate"}
EARLY_STOP = {"EarlyStopping", "early_stopping"}
WRAPPERS = {"Dataset", "DMatrix", "QuantileDMatrix", "Pool", "DataLoader", "TensorDataset", "Subset"}
CURVES = {"precision_recall_curve", "roc_curve", "det_curve"}
STAGED = {"staged_predict", "staged_predict_proba", "staged_decision_function", "staged_score"}
OPTIMIZERS = {"optimize", "fmin", "gp_minimize", "forest_minimize", "gbrt_minimize"}
FITS = {"fit", "fit_transform", "partial_fit", "train"}
LOOPS = (ast.For, ast.While)
COMPS = (ast.ListComp, ast.DictComp, ast.SetComp, ast.GeneratorExp)
FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Module)
FIX = (
    "Choose the setting on a validation split or by cross-validation on the training rows, then score the "
    "chosen model once on a test split kept aside."
)


def check(an: Analysis) -> list[Finding]:
    from .selection_more import (
        best_epoch_on_test,
        early_stopping,
        early_stopping_flow,
        objective_on_test,
        staged_on_test,
    )

    out = cv_score_as_final(an) + cv_of_tuned(an)
    by_file: dict[str, list] = {}
    for e in an.events("metric", "predict"):
        by_file.setdefault(e.loc.file, []).append(e)
    for src in an.sources:
        evs = by_file.get(src.file, [])
        if evs:
            out += selection_loops(an, src, evs)
            out += threshold_on_test(an, src, evs)
        out += early_stopping(src)
        out += staged_on_test(an, src)
        out += objective_on_test(src)
        out += best_epoch_on_test(src)
    return out + early_stopping_flow(an, out)


def held(e) -> bool:
    """An evaluation on test rows only (a column list derived from all rows may add ``full``)."""
    return "test" in e.roles and "train" not in e.roles


def held_out_after(an: Analysis, order: int) -> bool:
    return any(e.order > order and held(e) for e in an.events("metric", "predict"))


# --- small AST helpers -----------------------------------------------------------------------


def stmt_of(src: Source, node: Any) -> Any:
    while node is not None and not isinstance(node, ast.stmt):
        node = src.parent(node)
    return node


def after_stmts(src: Source, st: Any) -> list[Any]:
    """The statements following ``st`` in the block holding it."""
    par = src.parent(st)
    for name in ("body", "orelse", "finalbody"):
        body = getattr(par, name, None)
        if isinstance(body, list) and any(s is st for s in body):
            i = next(k for k, s in enumerate(body) if s is st)
            return body[i + 1 :]
    return []


def enclosing_loops(src: Source, node: ast.AST) -> list[Any]:
    """Loops around ``node`` in its function, innermost first."""
    out: list[Any] = []
    p = src.parent(node)
    while p is not None and not isinstance(p, FUNCS):
        if isinstance(p, LOOPS):
            out.append(p)
        p = src.parent(p)
    return out


def names_in(node: ast.AST | None) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)} if node is not None else set()


def wrapped(src: Source) -> dict[str, str]:
    """``dval = lgb.Dataset(X_val, ...)`` → ``{"dval": "X_val"}``: data wrappers and their rows."""
    out: dict[str, str] = {}
    for st in src.of_type(ast.Assign):
        t, v = st.targets[0], st.value
        tuples = isinstance(t, ast.Tuple) and isinstance(v, ast.Tuple)
        pairs: Any = zip(t.elts, v.elts, strict=False) if tuples else [(t, v)]
        for name, call in pairs:
            if isinstance(name, ast.Name) and isinstance(call, ast.Call) and call_tail(call) in WRAPPERS:
                b = base_name(call.args[0]) if call.args else None
                if b:
                    out[name.id] = b
    return out


def origin(src: Source, node: ast.AST, wrap: dict[str, str]) -> str | None:
    """The variable holding the rows ``node`` reads: through ``for xb, yb in loader`` and
    ``loader = DataLoader(ds)`` / ``lgb.Dataset(X)`` (not through slices: ``X[:n]`` is ``X``)."""
    b = base_name(node)
    if b is None:
        return None
    for lp in enclosing_loops(src, node):
        if isinstance(lp, ast.For) and b in names_in(lp.target):
            it = lp.iter.args[0] if isinstance(lp.iter, ast.Call) and call_tail(lp.iter) == "enumerate" else lp.iter
            b = base_name(it) or b
            break
    for _ in range(3):
        if b not in wrap:
            break
        b = wrap[b]
    return b


def best_name(n: ast.AST) -> bool:
    return isinstance(n, ast.Name) and bool(CHOICE_WORDS & set(name_tokens(n.id)))


def picks_best(loop: ast.AST, after: list[ast.stmt]) -> bool:
    """A choice by score: ``if s > best``, ``best_k = ...`` in the loop, ``max``/``argmax`` after it."""
    for n in ast.walk(loop):
        if isinstance(n, ast.Compare) and any(best_name(x) for x in [n.left, *n.comparators]):
            return True
        if isinstance(n, ast.Assign) and any(best_name(t) for t in n.targets):
            return True
    return picker_in(after)


def picker_in(stmts: list[ast.stmt]) -> bool:
    for st in stmts:
        for n in ast.walk(st):
            if isinstance(n, ast.Call) and call_tail(n) in PICKERS:
                return True
            if isinstance(n, ast.Assign) and any(best_name(t) for t in n.targets):
                return True
    return False


def chooses(src: Source, loop: ast.AST) -> bool:
    """``picks_best`` at this loop or, for nested loops (``for C: for gamma:``), an enclosing one."""
    for lp in [loop, *enclosing_loops(src, loop)]:
        if picks_best(lp, after_stmts(src, stmt_of(src, lp))[:6]):
            return True
    return False


def selected(rule: str, loc: Loc, msg: str, conf: float, fix: str = FIX) -> Finding:
    return finding(CODE, rule, loc, msg, conf, fix)


# --- best cross-validated score reported -----------------------------------------------------


def cv_score_as_final(an: Analysis) -> list[Finding]:
    fits = [e for e in an.events("fit") if e.obj is not None and e.obj.kind == "search"]
    nested = {id(e.obj) for e in an.events("metric") if e.obj is not None and e.obj.kind == "search"}
    reported = [
        (src, n) for src in an.sources for n in src.of_type(ast.Attribute) if n.attr in ("best_score_", "cv_results_")
    ]
    if not fits or not reported or nested:
        return []
    last = max(fits, key=lambda e: e.order)
    if held_out_after(an, last.order):
        return []
    src, node = min(reported, key=lambda sn: (sn[0].file, sn[1].lineno))
    msg = (
        f"{node.attr} of {last.name} is the best of the cross-validated scores it searched over: "
        "reported as the result, it is optimistic, and no rows the search never saw are scored."
    )
    fix = "Hold out a test split before the search (or use nested cross-validation) and report its score."
    return [selected("cv-score-as-final", src.loc(node), msg, 0.7, fix)]


def cv_of_tuned(an: Analysis) -> list[Finding]:
    """``cross_val_score(search.best_estimator_, X, y)`` on the rows the search was tuned on."""
    searches = [e for e in an.events("fit") if e.obj is not None and e.obj.kind == "search"]
    for m in an.events("metric"):
        node = m.node
        if m.name not in CV_FUNCS or not isinstance(node, ast.Call) or not node.args:
            continue
        tuned = any(
            isinstance(n, ast.Attribute) and n.attr in ("best_estimator_", "best_params_")
            for n in ast.walk(node.args[0])
        )
        if not tuned or held_out_after(an, m.order):
            continue
        if not any(f.order < m.order and f.data.roots & m.data.roots for f in searches):
            continue
        msg = (
            "the tuned model is cross-validated again on the rows the search chose it on: the folds took part "
            "in the choice, so the score is optimistic (not nested cross-validation)."
        )
        fix = "Pass the search object itself to cross_val_score (nested CV), or score the tuned model on a test split."
        return [selected("cv-score-as-final", m.loc, msg, 0.7, fix)]
    return []


# --- choosing by the score of held-out rows --------------------------------------------------


def eval_arg(node: ast.AST) -> str | None:
    """The rows an evaluation call reads: ``X_val`` in ``m.score(X_val, y)``, ``y_val`` in ``f1_score(y_val, p)``."""
    if isinstance(node, ast.Call) and node.args:
        return ast.unparse(node.args[0])
    return None


def inner_holds(src: Source, loop: ast.AST, held_evs: list) -> bool:
    for n in ast.walk(loop):
        if isinstance(n, (*LOOPS, *COMPS)) and n is not loop:
            lo, hi = n.lineno, n.end_lineno or n.lineno
            if any(lo <= e.loc.line <= hi for e in held_evs):
                return True
    return False


def selection_loops(an: Analysis, src: Source, metrics: list) -> list[Finding]:
    out, done = [], set()
    for loop in src.of_type(*LOOPS, *COMPS):
        fn = src.function_of(loop)
        end = loop.end_lineno or loop.lineno
        inside = [e for e in metrics if e.loc.function == fn and loop.lineno <= e.loc.line <= end]
        held_evs = [e for e in inside if e.kind == "metric" and e.roles & {"test", "cv"} and "train" not in e.roles]
        if not held_evs or inner_holds(src, loop, held_evs) or not chooses(src, loop):
            continue  # judged at the innermost loop holding the scores
        first = min(inside, key=lambda e: e.order)
        last = max(inside, key=lambda e: e.order)
        seen = {eval_arg(e.node) for e in inside} - {None}
        later = [
            e
            for e in an.events("metric", "predict")
            if e.order > last.order
            and "test" in e.roles
            and "train" not in e.roles
            and not (e.loc.file == src.file and loop.lineno <= e.loc.line <= end)
        ]
        if any(eval_arg(e.node) not in seen for e in later):
            continue  # a final score on other untouched rows
        cv = all("cv" in e.roles for e in held_evs)
        rule, conf = ("cv-score-as-final", 0.6) if cv else ("selection-on-test", 0.7)
        line = held_evs[0].loc
        loc = Loc(src.file, loop.lineno, line.end_line, fn) if line.end_line - loop.lineno < 12 else line
        if (loc.line, loc.end_line) in done:
            continue
        done.add((loc.line, loc.end_line))
        rows = "cross-validated" if cv else "held-out"
        what = "loop" if isinstance(loop, LOOPS) else "comprehension"
        msg = (
            f"the {what} at line {loop.lineno} picks the best setting by its {rows} score (line "
            f"{first.loc.line}) and no other untouched rows are scored afterwards: the reported score is "
            "the maximum over many tries on the same rows, so it is optimistic."
        )
        out.append(selected(rule, loc, msg, conf))
    return out


def threshold_on_test(an: Analysis, src: Source, here: list) -> list[Finding]:
    """A decision threshold read off the precision-recall/ROC curve of the rows then scored with it."""
    out = []
    for e in here:
        if e.kind != "metric" or e.name not in CURVES or not held(e) or eval_arg(e.node) is None:
            continue
        evs = an.events("metric")
        st = stmt_of(src, e.node)
        nxt = after_stmts(src, st)[:6]
        if not picker_in(nxt):
            continue
        seen = names_in(st)
        later = [m for m in evs if m.order > e.order and m.name not in CURVES and isinstance(m.node, ast.Call)]
        later = [m for m in later if m.node.args and "train" not in m.roles]
        same = [m for m in later if base_name(m.node.args[0]) in seen]
        if not same or any(base_name(m.node.args[0]) not in seen for m in later):
            continue
        pick = next(s for s in nxt if picker_in([s]))
        loc = Loc(src.file, e.loc.line, max(e.loc.end_line, pick.end_lineno or pick.lineno), e.loc.function)
        msg = (
            f"the decision threshold is chosen on the {e.name} of the held-out rows and the score at that "
            f"threshold (line {same[0].loc.line}) is reported on the same rows: it is optimistic."
        )
        fix = "Choose the threshold on a validation split (or out-of-fold predictions of the training rows)."
        out.append(selected("selection-on-test", loc, msg, 0.7, fix))
    return out
