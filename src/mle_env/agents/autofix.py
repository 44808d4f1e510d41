"""Automatic fixes for what the detectors find, where a fix is mechanical and safe.

``propose_fix(source, findings)`` takes the most confident finding's bug code and applies the
fixes it knows for findings of that code (re-detecting after each one, at most a few
rounds). It edits the source text in place (comments and layout survive) and returns the
revised source, or None when it knows no safe fix. Known fixes:

    fit-before-split / resample-before-split  move the split before the fitting steps: fit
        on the training part, transform() the test part (same function, straight-line code)
    fit-outside-cv         cross-validate ``make_pipeline(<preprocessing>, <model>)`` on raw data
    split-not-stratified, accuracy-on-imbalanced, imbalance-unhandled
                           ``stratify=y`` and ``class_weight="balanced"``
    scaler-refit-on-test, encoder-refit-on-test, fit-on-test
                           refit on test → ``transform`` with the encoder/scaler fitted on train
    get-dummies-separate   reindex the test dummies to the training columns
    model-fit-on-test, eval-on-train  use the train/test counterpart variable
    target-in-features     drop the target column from the features
    no-scaling             ``make_pipeline(StandardScaler(), <model>)``
    hyper-parameter rules  a sane value for the offending argument (max_depth, C, alpha, …)
    outlier-filter-on-test drop the statement that filters test rows
    sentinel-unhandled     ``df = df.replace(<sentinel>, np.nan).dropna()`` after loading

Helpers in another function (the fit inside ``preprocess()``) are not rewritten: None.
"""

from __future__ import annotations

import ast
import re

from mle_env.agents.detectors import Finding, detect
from mle_env.agents.detectors.base import call_tail, kwarg, literal, role_from_name

CV_FUNCS = {"cross_val_score", "cross_validate", "cross_val_predict"}
BALANCEABLE = re.compile(
    r"^(LogisticRegression|SVC|LinearSVC|RidgeClassifier|SGDClassifier|DecisionTreeClassifier|"
    r"RandomForestClassifier|ExtraTreesClassifier|HistGradientBoostingClassifier|LGBMClassifier)$"
)


class Text:
    """Source text addressed by AST positions; edits are collected, then applied at once."""

    def __init__(self, source: str):
        self.src = source
        self.lines = source.splitlines(keepends=True)
        self.starts = [0]
        for line in self.lines:
            self.starts.append(self.starts[-1] + len(line))
        self.edits: list[tuple[int, int, str]] = []

    def off(self, lineno: int, col: int) -> int:
        line = self.lines[lineno - 1] if lineno - 1 < len(self.lines) else ""
        return self.starts[lineno - 1] + len(line.encode()[:col].decode(errors="ignore"))

    def span(self, node: ast.AST) -> tuple[int, int]:
        return self.off(node.lineno, node.col_offset), self.off(node.end_lineno, node.end_col_offset)

    def seg(self, node: ast.AST) -> str:
        a, b = self.span(node)
        return self.src[a:b]

    def indent(self, st: ast.stmt) -> str:
        line = self.lines[st.lineno - 1]
        return line[: len(line) - len(line.lstrip())]

    def replace(self, node: ast.AST, text: str) -> None:
        self.edits.append((*self.span(node), text))

    def replace_stmt(self, st: ast.stmt, lines: list[str]) -> None:
        """Replace whole lines of a statement by ``lines`` (indented like it)."""
        ind = self.indent(st)
        self.edits.append(
            (self.starts[st.lineno - 1], self.starts[st.end_lineno], "".join(ind + t + "\n" for t in lines))
        )

    def insert_after(self, st: ast.stmt, lines: list[str]) -> None:
        ind = self.indent(st)
        pos = self.starts[st.end_lineno]
        self.edits.append((pos, pos, "".join(ind + t + "\n" for t in lines)))

    def result(self) -> str | None:
        out, last = self.src, None
        for a, b, t in sorted(self.edits, key=lambda e: (e[0], e[1]), reverse=True):
            if last is not None and b > last:
                return None  # overlapping edits: give up rather than corrupt the file
            out, last = out[:a] + t + out[b:], a
        return out


def parses(text: str | None) -> bool:
    try:
        return text is not None and bool(ast.parse(text) or True)
    except SyntaxError:
        return False


def propose_fix(source: str, findings: list[Finding]) -> str | None:
    """The revised source fixing the top finding's bug, or None when no safe fix is known."""
    if not findings or not parses(source):
        return None
    ranked = sorted(findings, key=lambda f: (-f.confidence, f.line))
    code, filename = ranked[0].code, ranked[0].file
    current, changed = source, False
    for _ in range(4):
        pool = ranked if not changed else detect(current, filename)
        for f in (f for f in pool if f.code == code and f.file == filename):
            fixer = FIXERS.get(f.rule)
            new = fixer(current, ast.parse(current), f) if fixer else None
            if new and new != current and parses(new):
                current, changed = new, True
                break
        else:
            break
    return current if changed else None


# --- where things are -------------------------------------------------------------------


def scope(tree: ast.Module, name: str | None) -> ast.AST:
    if name:
        for n in ast.walk(tree):
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name == name:
                return n
    return tree


def blocks(node: ast.AST):
    """Every statement list under ``node`` (not entering nested defs/classes)."""
    for field in ("body", "orelse", "finalbody"):
        block = getattr(node, field, None)
        if isinstance(block, list) and block and isinstance(block[0], ast.stmt):
            yield block
            for st in block:
                if not isinstance(st, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                    yield from blocks(st)
    for h in getattr(node, "handlers", []) or []:
        yield from blocks(h)


def calls_in(node: ast.AST, names: set[str]) -> list[ast.Call]:
    return [c for c in ast.walk(node) if isinstance(c, ast.Call) and call_tail(c) in names]


def at_line(tree: ast.AST, f: Finding, names: set[str]) -> list[ast.Call]:
    return [c for c in calls_in(scope(tree, f.function), names) if f.line <= c.lineno <= f.end_line]


def loads(node: ast.AST, name: str, skip: list[ast.AST] = ()) -> int:
    skipped = {id(n) for s in skip for n in ast.walk(s)}
    return sum(1 for n in ast.walk(node) if isinstance(n, ast.Name) and n.id == name and id(n) not in skipped)


def add_import(text: Text, tree: ast.Module, line: str, name: str) -> None:
    if re.search(rf"\b{re.escape(name)}\b", text.src) and re.search(rf"import .*\b{re.escape(name)}\b", text.src):
        return
    imports = [st for st in tree.body if isinstance(st, (ast.Import, ast.ImportFrom))]
    if imports:
        text.insert_after(imports[-1], [line])
    else:
        text.edits.append((0, 0, line + "\n"))


def counterpart(name: str, want: str) -> str | None:
    """``X_train`` → ``X_test`` (want="test") and back."""
    pairs = [("train", "test"), ("Train", "Test"), ("TRAIN", "TEST"), ("tr", "te")]
    for a, b in pairs:
        src, dst = (a, b) if want == "test" else (b, a)
        new = re.sub(rf"(?<![A-Za-z]){src}(?![a-z])", dst, name)
        if new != name:
            return new
    return None


# --- leakage ----------------------------------------------------------------------------


def split_stmt(block: list[ast.stmt], line: int):
    for i, st in enumerate(block):
        if (
            isinstance(st, ast.Assign)
            and st.end_lineno >= line
            and isinstance(st.value, ast.Call)
            and call_tail(st.value) == "train_test_split"
            and isinstance(st.targets[0], ast.Tuple)
            and st.value.args
            and isinstance(st.value.args[0], ast.Name)
        ):
            return i, st
    return None


def chain(text: Text, block: list[ast.stmt], end: int, x: str, y: str | None):
    """The fitting steps that turn raw data into ``x`` just before ``block[end]``:
    (steps in order, raw X source, raw y name, statements). ``y`` is the label's source."""
    steps, stmts, x0 = [], [], x
    for st in reversed(block[:end]):
        v = st.value if isinstance(st, ast.Assign) else None
        tail = call_tail(v) if isinstance(v, ast.Call) else None
        t = st.targets[0] if isinstance(st, ast.Assign) and len(st.targets) == 1 else None
        if (
            isinstance(t, ast.Name)
            and t.id == x
            and tail == "fit_transform"
            and isinstance(v.func, ast.Attribute)
            and v.args
        ):
            sup = v.args[1] if len(v.args) > 1 else None
            if sup is not None and text.seg(sup) != y:
                return None
            steps.insert(0, ("ft", v.func.value, sup is not None))
            stmts.insert(0, st)
            x0 = text.seg(v.args[0])
            if not isinstance(v.args[0], ast.Name):
                break
            x = v.args[0].id
        elif (
            isinstance(t, ast.Tuple)
            and tail == "fit_resample"
            and len(t.elts) == 2
            and len(v.args) == 2
            and [getattr(e, "id", None) for e in t.elts] == [x, y]
            and all(isinstance(a, ast.Name) for a in v.args)
        ):
            steps.insert(0, ("rs", v.func.value, True))
            stmts.insert(0, st)
            x, y = v.args[0].id, v.args[1].id
            x0 = x
        elif any(isinstance(n, ast.Name) and n.id in (x, y) and isinstance(n.ctx, ast.Store) for n in ast.walk(st)):
            break
    return (steps, x0, y, stmts) if steps else None


def stores(sts: list[ast.stmt]) -> set[str]:
    return {n.id for st in sts for n in ast.walk(st) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}


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


def substitute(text: Text, node: ast.AST, subs: dict[int, str]) -> str:
    """The source of ``node`` with the sub-nodes whose id is in ``subs`` replaced."""
    out, base = text.seg(node), text.span(node)[0]
    hits = sorted(((*text.span(n), subs[id(n)]) for n in ast.walk(node) if id(n) in subs), reverse=True)
    for a, b, new in hits:
        out = out[: a - base] + new + out[b - base :]
    return out


def snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", name).lower()


def fresh_name(base: str, used: set[str]) -> str:
    name, k = base, 2
    while name in used:
        name, k = f"{base}_{k}", k + 1
    used.add(name)
    return name


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


# --- small keyword edits ----------------------------------------------------------------


def set_kwarg(text: Text, call: ast.Call, name: str, value: str) -> None:
    kw = next((k for k in call.keywords if k.arg == name), None)
    if kw is not None:
        text.replace(kw.value, value)
        return
    items = [*call.args, *call.keywords]
    if items:
        end = max(text.span(n)[1] for n in items)
        text.edits.append((end, end, f", {name}={value}"))
    else:
        end = text.span(call)[1] - 1
        text.edits.append((end, end, f"{name}={value}"))


def drop_kwarg(text: Text, call: ast.Call, name: str) -> None:
    items = sorted([*call.args, *call.keywords], key=lambda n: text.span(n)[0])
    kw = next((k for k in call.keywords if k.arg == name), None)
    if kw is None:
        return
    k = items.index(kw)
    if k > 0:
        text.edits.append((text.span(items[k - 1])[1], text.span(kw)[1], ""))
    elif k + 1 < len(items):
        text.edits.append((text.span(kw)[0], text.span(items[k + 1])[0], ""))
    else:
        text.edits.append((*text.span(kw), ""))


def ctor_at(tree: ast.Module, f: Finding, want=None) -> ast.Call | None:
    """The constructor call a finding points at (the first on its line that ``want`` accepts)."""
    from mle_env.agents.detectors.catalog import kind_of

    want = want or (lambda name: kind_of(name) == "model")
    calls = [
        c
        for c in ast.walk(scope(tree, f.function))
        if isinstance(c, ast.Call) and c.lineno == f.line and want(call_tail(c) or "")
    ]
    return min(calls, key=lambda c: c.col_offset) if calls else None


HPARAMS = {
    # rule → [(class pattern, argument, new value or None to drop it, condition on the old value)]
    "unpruned-tree": [
        (r"DecisionTree|ExtraTree", "max_depth", "5", None),
        (r"Forest|ExtraTrees", "max_depth", "10", None),
    ],
    "deep-boosting": [(r".", "max_depth", "3", None)],
    "weak-regularisation": [
        (r".", "C", "1.0", lambda v: v >= 1e3),
        (r".", "alpha", "1.0", lambda v: v <= 1e-8),
        (r".", "penalty", None, lambda v: v in (None, "none")),
        (r".", "gamma", None, lambda v: v >= 50),
    ],
    "knn-k1": [(r".", "n_neighbors", "5", None)],
    "high-degree-poly": [(r"PolynomialFeatures", "degree", "2", None)],
    "huge-mlp": [(r".", "hidden_layer_sizes", "(64,)", None), (r".", "early_stopping", "True", None)],
    "stump": [
        (r"DecisionTree|ExtraTree", "max_depth", "5", lambda v: v <= 2),
        (r"Forest|ExtraTrees", "max_depth", None, lambda v: v <= 2),
        (r".", "max_leaf_nodes", None, lambda v: v <= 2),
    ],
    "too-few-estimators": [(r".", "n_estimators", "100", None)],
    "strong-regularisation": [
        (r".", "C", "1.0", lambda v: v <= 1e-2),
        (r".", "alpha", None, None),
        (r".", "gamma", None, lambda v: v <= 1e-5),
        (r".", "learning_rate", "0.1", lambda v: v <= 1e-3),
    ],
    "too-few-iterations": [(r".", "max_iter", "1000", None)],
    "tiny-network": [(r".", "hidden_layer_sizes", "(64, 32)", None)],
}


def fix_hparams(source: str, tree: ast.Module, f: Finding) -> str | None:
    patterns = "|".join(p for p, *_ in HPARAMS[f.rule])
    call = ctor_at(tree, f, lambda name: name == "polyfit" or (bool(re.search(patterns, name)) and name[:1].isupper()))
    text = Text(source)
    if call is None:
        return None
    cls = call_tail(call) or ""
    for pattern, arg, value, cond in HPARAMS[f.rule]:
        if not re.search(pattern, cls):
            continue
        node = kwarg(call, arg)
        positional = arg in ("n_neighbors", "degree") and node is None and call.args
        old = literal(node if node is not None else call.args[0] if positional else None)
        if cond is not None and (node is None and not positional or old is ... or not safe(cond, old)):
            continue
        if positional:
            text.replace(call.args[0], value)
        elif value is None:
            drop_kwarg(text, call, arg)
        else:
            set_kwarg(text, call, arg, value)
    if cls == "polyfit" and len(call.args) >= 3:
        text.replace(call.args[2], "3")
    return text.result() if text.edits else None


def safe(cond, v) -> bool:
    try:
        return bool(cond(v))
    except TypeError:
        return False


def fix_imbalance(source: str, tree: ast.Module, f: Finding) -> str | None:
    text = Text(source)
    for call in (c for c in ast.walk(tree) if isinstance(c, ast.Call)):
        name = call_tail(call) or ""
        if (
            BALANCEABLE.match(name)
            and kwarg(call, "class_weight") is None
            and isinstance(call.func, (ast.Name, ast.Attribute))
        ):
            set_kwarg(text, call, "class_weight", '"balanced"')
        elif name == "train_test_split" and kwarg(call, "stratify") is None and len(call.args) >= 2:
            set_kwarg(text, call, "stratify", text.seg(call.args[-1]))
    return text.result() if text.edits else None


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


FIXERS = {
    "resample-test-set": fix_resample_test,
    "inconsistent-scaling": fix_unscaled_test,
    "fit-before-split": fix_fit_before_split,
    "resample-before-split": fix_fit_before_split,
    "fit-outside-cv": fix_outside_cv,
    "fit-on-train-and-test": fix_combined,
    "fit-on-test": fix_refit,
    "scaler-refit-on-test": fix_refit,
    "encoder-refit-on-test": fix_refit,
    "model-fit-on-test": fix_swap,
    "eval-on-train": fix_swap,
    "target-in-features": fix_target_in_features,
    "get-dummies-separate": fix_dummies,
    "split-not-stratified": fix_imbalance,
    "accuracy-on-imbalanced": fix_imbalance,
    "imbalance-unhandled": fix_imbalance,
    "no-scaling": fix_no_scaling,
    "linear-on-nonlinear": fix_nonlinear,
    "outlier-filter-on-test": fix_drop_test_filter,
    "sentinel-unhandled": fix_sentinel,
    **{rule: fix_hparams for rule in HPARAMS},
}
