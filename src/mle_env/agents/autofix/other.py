"""The other fixers: refits on test, train/test swaps, dummies, target column, scaling, filters, sentinels."""

from __future__ import annotations

import ast
import re

from mle_env.agents.detectors import Finding
from mle_env.agents.detectors.base import call_tail, kwarg, role_from_name

from .edit import (
    Text,
    add_import,
    at_line,
    blocks,
    calls_in,
    counterpart,
    ctor_at,
    fresh_name,
    scope,
    set_kwarg,
    snake,
)


def fix_refit(source: str, tree: ast.Module, f: Finding) -> str | None:
    """``X_test = scaler.fit_transform(X_test)`` → ``scaler.transform(X_test)`` with the object
    fitted on the training rows (named, via ``:=``, when it was created inline)."""
    text = Text(source)
    calls = [
        c
        for c in at_line(tree, f, {"fit_transform", "fit"})
        if isinstance(c.func, ast.Attribute)
        and c.args
        and any(role_from_name(n.id) == "test" for n in ast.walk(c.args[0]) if isinstance(n, ast.Name))
    ]
    if not calls:
        return None
    call = calls[-1]
    recv, meth = call.func.value, call.func.attr
    fits = [
        c
        for c in calls_in(tree, {"fit", "fit_transform"})
        if c is not call
        and c.lineno <= call.lineno
        and c.args
        and any(role_from_name(n.id) == "train" for n in ast.walk(c.args[0]) if isinstance(n, ast.Name))
    ]
    if isinstance(recv, ast.Name):
        if not any(isinstance(c.func.value, ast.Name) and c.func.value.id == recv.id for c in fits):
            return None
        obj = recv.id
        ctors = [
            a.value
            for a in ast.walk(tree)
            if isinstance(a, ast.Assign)
            and isinstance(a.value, ast.Call)
            and any(isinstance(t, ast.Name) and t.id == obj for t in a.targets)
        ]
        ctor = ctors[0] if ctors else None
    elif isinstance(recv, ast.Call):
        same = [c for c in fits if isinstance(c.func.value, ast.Call) and call_tail(c.func.value) == call_tail(recv)]
        if not same:
            return None
        ctor = same[-1].func.value
        obj = fresh_name(snake(call_tail(recv) or "fitted"), set(re.findall(r"\w+", source)))
        text.replace(ctor, f"({obj} := {text.seg(ctor)})")
    else:
        return None
    cls = call_tail(ctor) if ctor is not None else None
    if cls == "LabelEncoder":
        arg = text.seg(call.args[0])
        text.replace(call, f"{arg}.map({{_v: _i for _i, _v in enumerate({obj}.classes_)}}).fillna(-1).astype(int)")
    elif meth == "fit_transform":
        text.replace(call.func, f"{obj}.transform")
        if cls == "OneHotEncoder" and kwarg(ctor, "handle_unknown") is None and isinstance(recv, ast.Name):
            set_kwarg(text, ctor, "handle_unknown", '"ignore"')
    else:
        return None
    return text.result()


def fix_swap(source: str, tree: ast.Module, f: Finding) -> str | None:
    """Use the train (model-fit-on-test) or test (eval-on-train) counterparts of the names."""
    want, names = ("train", {"fit"}) if f.rule == "model-fit-on-test" else ("test", None)
    sc = scope(tree, f.function)
    stored = {n.id for n in ast.walk(sc) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
    stored |= {a.arg for a in ast.walk(sc) if isinstance(a, ast.arg)}
    calls = (
        at_line(tree, f, names)
        if names
        else [c for c in ast.walk(sc) if isinstance(c, ast.Call) and c.lineno == f.line]
    )
    if not calls:
        return None
    text, other = Text(source), "test" if want == "train" else "train"
    for n in ast.walk(max(calls, key=lambda c: text.span(c)[1] - text.span(c)[0])):
        if isinstance(n, ast.Name) and role_from_name(n.id) == other:
            new = counterpart(n.id, want)
            if new in stored:
                text.replace(n, new)
    return text.result() if text.edits else None


def fix_dummies(source: str, tree: ast.Module, f: Finding) -> str | None:
    sc, text = scope(tree, f.function), Text(source)
    assigns = [
        st
        for block in blocks(sc)
        for st in block
        if isinstance(st, ast.Assign)
        and len(st.targets) == 1
        and isinstance(st.targets[0], ast.Name)
        and calls_in(st.value, {"get_dummies"})
    ]
    train = [
        a
        for a in assigns
        if role_from_name(a.targets[0].id) == "train"
        or any(role_from_name(n.id) == "train" for n in ast.walk(a.value) if isinstance(n, ast.Name))
    ]
    test = [a for a in assigns if a not in train]
    if not train or not test or test[0].lineno < train[0].lineno:
        return None
    te, tr = test[0].targets[0].id, train[0].targets[0].id
    text.insert_after(test[0], [f"{te} = {te}.reindex(columns={tr}.columns, fill_value=0)"])
    return text.result()


def fix_target_in_features(source: str, tree: ast.Module, f: Finding) -> str | None:
    m = re.search(r"target column '([^']+)'", f.message)
    calls = at_line(tree, f, {"drop"})
    if not m or not calls:
        return None
    call, text = calls[0], Text(source)
    cols = kwarg(call, "columns") or (call.args[0] if call.args else None)
    if isinstance(cols, (ast.List, ast.Tuple)):
        end = text.span(cols)[1] - 1
        text.edits.append((end, end, (", " if cols.elts else "") + repr(m.group(1))))
    elif cols is not None:
        text.replace(cols, f"[{text.seg(cols)}, {m.group(1)!r}]")
    else:
        return None
    return text.result()


def fix_no_scaling(source: str, tree: ast.Module, f: Finding) -> str | None:
    call, text = ctor_at(tree, f), Text(source)
    if call is None:
        return None
    parent = next(
        (a for a in ast.walk(tree) if isinstance(a, ast.Assign) and any(c is call for c in ast.walk(a.value))), None
    )
    if parent is not None and isinstance(parent.targets[0], ast.Name):
        var = parent.targets[0].id
        if re.search(rf"\b{var}\.\w+_\b", source):  # fitted attributes (coef_) would move into the pipeline
            return None
    text.replace(call, f"make_pipeline(StandardScaler(), {text.seg(call)})")
    add_import(text, tree, "from sklearn.pipeline import make_pipeline", "make_pipeline")
    add_import(text, tree, "from sklearn.preprocessing import StandardScaler", "StandardScaler")
    return text.result()


def fix_nonlinear(source: str, tree: ast.Module, f: Finding) -> str | None:
    call, text = ctor_at(tree, f), Text(source)
    if call is None:
        return None
    kind = "Classifier" if re.search(r"Classifier|Logistic|SVC|Perceptron", call_tail(call) or "") else "Regressor"
    text.replace(call, f"HistGradientBoosting{kind}(random_state=0)")
    add_import(text, tree, f"from sklearn.ensemble import HistGradientBoosting{kind}", f"HistGradientBoosting{kind}")
    return text.result()


def fix_drop_test_filter(source: str, tree: ast.Module, f: Finding) -> str | None:
    for block in blocks(scope(tree, f.function)):
        for st in block:
            if (
                st.lineno == f.line
                and isinstance(st, ast.Assign)
                and len(st.targets) == 1
                and isinstance(st.value, ast.Subscript)
                and isinstance(st.targets[0], ast.Name)
                and isinstance(st.value.value, ast.Name)
                and st.value.value.id == st.targets[0].id
            ):
                text = Text(source)
                text.replace_stmt(st, ["pass"] if len(block) == 1 else [])
                return text.result()
    return None


def fix_sentinel(source: str, tree: ast.Module, f: Finding) -> str | None:
    m = re.search(r"say (-?[\d.]+) is a placeholder", f.message)
    stmt = next(
        (
            st
            for block in blocks(scope(tree, f.function))
            for st in block
            if isinstance(st, ast.Assign)
            and st.lineno <= f.line <= st.end_lineno
            and isinstance(st.targets[0], ast.Name)
        ),
        None,
    )
    if not m or stmt is None:
        return None
    text, name = Text(source), stmt.targets[0].id
    value = m.group(1)
    np_alias = re.search(r"import numpy as (\w+)", source)
    np_name = np_alias.group(1) if np_alias else "np"
    if not np_alias:
        add_import(text, tree, "import numpy as np", "np")
    text.insert_after(stmt, [f"{name} = {name}.replace({value}, {np_name}.nan).dropna()"])
    return text.result()


def fix_unscaled_test(source: str, tree: ast.Module, f: Finding) -> str | None:
    """``model.predict(X_test)`` of a model fitted on scaled data → ``model.predict(sc.transform(X_test))``."""
    from mle_env.agents.detectors.catalog import SCALERS

    if "predicts on unscaled" not in f.message:
        return None
    scalers = {
        t.id
        for a in ast.walk(tree)
        if isinstance(a, ast.Assign)
        for t in a.targets
        if isinstance(t, ast.Name)
        for c in ast.walk(a.value)
        if isinstance(c, ast.Call) and call_tail(c) in SCALERS
    }
    calls = at_line(tree, f, {"predict", "predict_proba", "decision_function", "score"})
    if len(scalers) != 1 or not calls or not calls[0].args:
        return None
    text = Text(source)
    arg = calls[0].args[0]
    text.replace(arg, f"{scalers.pop()}.transform({text.seg(arg)})")
    return text.result()
