"""DATA_LEAKAGE rules about hand-made splits (see ``leakage``): training and evaluation rows
that share rows — overlapping slices, masks, ``head``/``tail``, two samples, ``Subset`` ranges,
a CV loop training on every fold — and a model refitted on rows stacked with its test rows."""

from __future__ import annotations

import ast
from typing import Any

from .base import Finding, Loc, base_name, call_tail, finding, role_from_name
from .flow import Event
from .parts import (
    COMBINERS,
    Slice,
    assignments,
    head_tail,
    masks_overlap,
    overlap,
    resolve,
    selection_text,
    slice_of,
)
from .program import Analysis
from .source import Source

CODE = "DATA_LEAKAGE"


def scope_of(an: Analysis, tag: str) -> tuple[Source | None, ast.AST | None]:
    """The file and function (or module) a part tag (``file:function:text``) was cut in."""
    file, _, rest = tag.partition(":")
    fn = rest.partition(":")[0]
    src = next((s for s in an.sources if s.file == file), None)
    if src is None:
        return None, None
    if fn == "None":
        return src, src.tree
    return src, next((f for f in src.of_type(ast.FunctionDef, ast.AsyncFunctionDef) if f.name == fn), src.tree)


def parts_overlap(an: Analysis, fit: Event, pred: Event) -> bool:
    """Whether the training and evaluation parts certainly share rows: overlapping slices or
    ``head``/``tail`` counts (names resolved in the function that cuts them), or range masks on
    one column whose ranges overlap."""
    ta, tb = fit.data.part or "", pred.data.part or ""
    src, scope = scope_of(an, ta)
    if src is None or scope is None or scope_of(an, tb)[1] is not scope:
        return False
    a, b = an.parts.slices.get(ta), an.parts.slices.get(tb)
    if a is not None and b is not None and overlap(a[0], b[0]):
        return True
    ea, eb = selection_text(ta), selection_text(tb)
    if masks_overlap(ea, eb, src.consts) or samples(ea, eb):
        return True
    sa = a[0] if a is not None else head_tail(ea, src.consts)
    sb = b[0] if b is not None else head_tail(eb, src.consts)
    if sa is None or sb is None:
        return False
    named = assignments(scope)
    sa, sb = (
        Slice(resolve(x.lower, named, src.consts), resolve(x.upper, named, src.consts), x.negative) for x in (sa, sb)
    )
    return overlap(sa, sb)


def samples(a: ast.expr | None, b: ast.expr | None) -> bool:
    """Two random samples drawn separately from the same rows (``df.sample(frac=.2)``, ``df.sample(frac=.8)``)."""
    return all(
        isinstance(x, ast.Call) and isinstance(x.func, ast.Attribute) and x.func.attr == "sample" for x in (a, b)
    ) and (
        ast.unparse(a.func.value) == ast.unparse(b.func.value)  # type: ignore[union-attr]
    )


def part_loc(an: Analysis, tag: str, default: Loc) -> Loc:
    """Where a row selection known by its text is cut."""
    src, scope = scope_of(an, tag)
    text = tag.split(":", 2)[-1]
    if src is None or scope is None:
        return default
    for n in ast.walk(scope):
        if (isinstance(n, ast.Subscript) and ast.unparse(n.slice) == text) or (
            isinstance(n, ast.Call) and ast.unparse(n) == text
        ):
            return src.loc(n)
    return default


def overlapping_split(an: Analysis) -> list[Finding]:
    """Training and evaluation rows cut from the same data by slices that share rows
    (``X[:800]`` to fit, ``X[700:]`` to evaluate), or by overlapping masks/head/tail."""
    out, seen = [], set()
    for fit, pred in an.parts.pairs:
        if (fit.data.part, pred.data.part) in seen or not parts_overlap(an, fit, pred):
            continue
        a, b = an.parts.slices.get(fit.data.part or ""), an.parts.slices.get(pred.data.part or "")
        la = a[1] if a is not None else part_loc(an, fit.data.part or "", fit.loc)
        lb = b[1] if b is not None else part_loc(an, pred.data.part or "", pred.loc)
        seen.add((fit.data.part, pred.data.part))
        loc = lb
        if (la.file, la.function) == (lb.file, lb.function) and abs(lb.line - la.line) <= 6:
            loc = Loc(la.file, min(la.line, lb.line), max(la.end_line, lb.end_line), la.function)
        out.append(
            finding(
                CODE,
                "overlapping-split",
                loc,
                f"the rows the model is trained on (line {la.line}) and the rows it is evaluated on "
                f"(line {lb.line}) are cut from the same data and overlap: some evaluation rows were "
                "seen in training, so the score is optimistic.",
                0.85,
                "Make the slices disjoint (e.g. data[:n_train] and data[n_train:]).",
            )
        )
    return out


def combined(src: Source, node: ast.AST) -> bool:
    """Whether ``node`` stacks rows: ``pd.concat([a, b])``, ``np.vstack(...)``, or a name bound to one."""
    b = base_name(node)
    bound = assignments(src.tree, defaults=False).get(b) if b else None
    for n in [*ast.walk(node), *(ast.walk(bound) if bound is not None else ())]:
        if isinstance(n, ast.Call) and call_tail(n) in COMBINERS and n.args and not isinstance(n.args[0], ast.ListComp):
            return True
    return False


def test_rows_in_training(an: Analysis) -> list[Finding]:
    """The model is trained on train and test rows stacked together (a refit on "everything"),
    then scored on the test rows: ``fit(pd.concat([a, b]))`` then ``predict(b)``."""
    srcs = {s.file: s for s in an.sources}
    for f in an.events("fit"):
        if f.est_kind != "model" or f.obj is None or "each" in f.roles or not isinstance(f.node, ast.Call):
            continue
        src = srcs.get(f.loc.file)
        if src is None or not f.node.args or not combined(src, f.node.args[0]):
            continue
        for p in an.events("predict"):
            if (
                p.obj is not f.obj
                or p.order < f.order
                or any(g.obj is f.obj and f.order < g.order < p.order for g in an.events("fit"))
            ):
                continue
            if {"train", "test"} <= f.roles and "test" in p.roles and "train" not in p.roles:
                if not p.data.roots <= f.data.roots:  # scored on another file's rows (refit on train+valid)
                    continue
            elif f.roles & {"train", "test"} or p.roles & {"train", "test"} or not p.data.roots < f.data.roots:
                continue
            if not any(m.order > p.order for m in an.events("metric")):
                continue
            msg = (
                f"{f.name} is trained on rows stacked together with the rows it is then scored on (line "
                f"{p.loc.line}): the evaluation rows were seen in training, so the score is not a held-out estimate."
            )
            return [
                finding(
                    CODE,
                    "model-fit-on-test",
                    f.loc,
                    msg,
                    0.8,
                    "Fit the model on the training rows only; "
                    "refit on everything only for the model you ship, after the last score.",
                )
            ]
    return []


def folds_all_rows(an: Analysis) -> list[Finding]:
    """A hand-made CV loop that trains on every fold, the held-out one included:
    ``for k, held in enumerate(folds): fit_rows = np.concatenate(folds)``."""
    out = []
    for src in an.sources:
        for loop in src.of_type(ast.For):
            it = (
                loop.iter.args[0]
                if isinstance(loop.iter, ast.Call) and call_tail(loop.iter) == "enumerate" and loop.iter.args
                else loop.iter
            )
            tgt = loop.target.elts[-1] if isinstance(loop.target, ast.Tuple) and loop.target.elts else loop.target
            if not isinstance(it, ast.Name) or not isinstance(tgt, ast.Name):
                continue
            every: list[Any] = [
                n for n in ast.walk(loop)
                if isinstance(n, ast.Assign) and isinstance(n.value, ast.Call) and call_tail(n.value) in COMBINERS
                and len(n.value.args) == 1 and isinstance(n.value.args[0], ast.Name) and n.value.args[0].id == it.id
                and len(n.targets) == 1 and isinstance(n.targets[0], ast.Name)
            ]  # fmt: skip
            for st in every:
                rows = st.targets[0].id
                calls = [c for c in ast.walk(loop) if isinstance(c, ast.Call) and c.args]
                fits = [
                    c
                    for c in calls
                    if call_tail(c) in ("fit", "fit_transform")
                    and rows in {n.id for n in ast.walk(c.args[0]) if isinstance(n, ast.Name)}
                ]
                evals = [
                    c
                    for c in calls
                    if call_tail(c) in ("predict", "predict_proba", "decision_function", "score")
                    and tgt.id in {n.id for n in ast.walk(c.args[0]) if isinstance(n, ast.Name)}
                ]
                if fits and evals:
                    msg = (
                        f"{rows} joins every fold of {it.id}, the held-out fold {tgt.id} included, and the model "
                        f"is trained on it (line {fits[0].lineno}): each fold is scored after being trained on."
                    )
                    out.append(
                        finding(
                            CODE,
                            "overlapping-split",
                            src.loc(st),
                            msg,
                            0.85,
                            "Train on the other folds only: "
                            "np.concatenate([f for j, f in enumerate(folds) if j != k]).",
                        )
                    )
    return out


def subset_overlap(an: Analysis) -> list[Finding]:
    """``Subset(ds, perm[:9000])`` for training and ``Subset(ds, perm[8000:])`` for evaluation."""
    out = []
    for src in an.sources:
        subs = []
        for st in src.of_type(ast.Assign):
            v = st.value
            if (
                isinstance(v, ast.Call)
                and call_tail(v) == "Subset"
                and len(v.args) == 2
                and isinstance(v.args[1], ast.Subscript)
            ):
                sl = slice_of(v.args[1].slice, src.consts)
                if sl is not None and len(st.targets) == 1 and isinstance(st.targets[0], ast.Name):
                    subs.append((st, ast.unparse(v.args[0]), ast.unparse(v.args[1].value), sl))
        for i, (sa, da, pa, la) in enumerate(subs):
            for sb, db, pb, lb in subs[i + 1 :]:
                roles = {role_from_name(s.targets[0].id) for s in (sa, sb)}
                if (da, pa) == (db, pb) and roles == {"train", "test"} and overlap(la, lb):
                    msg = (
                        f"the training and evaluation subsets (lines {sa.lineno} and {sb.lineno}) take overlapping "
                        f"ranges of {pa}: some evaluation rows are trained on, so the score is optimistic."
                    )
                    loc = Loc(src.file, sa.lineno, sb.end_lineno or sb.lineno, src.function_of(sa))
                    out.append(finding(CODE, "overlapping-split", loc, msg, 0.8, "Make the index ranges disjoint."))
    return out
