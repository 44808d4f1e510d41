"""What a call does to the abstract values of ``flow``: constructors, estimator methods,
splits, metrics, statistics, loaders, and calls into the analysed project (inlined)."""

from __future__ import annotations

import ast
from dataclasses import replace

from . import catalog as C
from .base import base_name, call_tail, dotted, is_target_name, kwarg, literal
from .flow import EMPTY, Obj, Val, Walker, join
from .parts import SUBSET_METHODS, subset_call
from .values import tuple_val

STAT_METHODS = {"mean", "median", "std", "var", "min", "max", "quantile", "mode"}
NP_STATS = {
    "mean",
    "median",
    "std",
    "var",
    "percentile",
    "quantile",
    "nanmean",
    "nanmedian",
    "nanstd",
    "nanpercentile",
    "nanquantile",
    "amin",
    "amax",
    "nanmin",
    "nanmax",
    "ptp",
}
FIT_METHODS = {"fit", "fit_transform", "fit_resample", "partial_fit", "fit_predict"}
PREDICT_METHODS = {"predict", "predict_proba", "decision_function", "predict_log_proba"}
RNG_METHODS = {
    "normal",
    "uniform",
    "rand",
    "randn",
    "randint",
    "integers",
    "choice",
    "binomial",
    "poisson",
    "exponential",
    "lognormal",
    "multivariate_normal",
    "standard_normal",
    "random",
    "beta",
    "gamma",
    "logistic",
    "laplace",
    "standard_t",
    "chisquare",
    "multinomial",
    "random_sample",
}
LOADERS = {"load", "loadtxt", "genfromtxt", "fromfile", "DataFrame", "Series", "array", "asarray"}
NOT_LOADERS = {"make_pipeline", "make_column_transformer", "make_union", "make_scorer", "make_column_selector"}


def is_loader(tail: str) -> bool:
    if tail in NOT_LOADERS:
        return False
    return tail in LOADERS or tail in RNG_METHODS or tail.startswith(("read_", "load_", "fetch_", "make_"))


def evaluate_call(w: Walker, node: ast.Call) -> Val:
    f, tail = node.func, call_tail(node) or ""
    target = w.prog.resolve(w.src, f)
    if target is not None and target[2] not in w.stack and len(w.stack) < 8 and w.prog.can_inline():
        return inline(w, node, *target)
    user = w.prog.resolve_class(w.src, f)
    if user is not None:
        o = Obj(user[1].name, "user", w.src.loc(node), node)
        init = w.prog.method(user, "__init__")
        if init is not None and w.prog.can_inline() and len(w.stack) < 8:
            inline(w, node, user[0], init[0], init[1], selfobj=o)
        return Val(obj=o)
    recv = EMPTY
    if isinstance(f, ast.Attribute):
        recv = w.ev(f.value)
        if recv.obj is not None and recv.obj.kind == "user":
            meth = w.prog.method(w.prog.class_of(recv.obj), f.attr)
            if meth is not None and meth[1] not in w.stack and len(w.stack) < 8 and w.prog.can_inline():
                return inline(w, node, w.prog.class_of(recv.obj)[0], meth[0], meth[1], selfobj=recv.obj)
            return join(*(w.ev(a) for a in node.args))
        if recv.obj is not None:
            return obj_method(w, node, recv.obj, f.attr)
        if f.attr in FIT_METHODS | PREDICT_METHODS | {"score"} and (not recv.is_data or "param" in recv.roles):
            return unknown_estimator(w, node, f.attr)
    if tail == "train" and (dotted(f) or "").split(".")[0] in BOOSTING_MODULES:
        return functional_train(w, node)
    if tail in DATASET_WRAPPERS and (dotted(f) or "").split(".")[0] in BOOSTING_MODULES:
        # ``lgb.Dataset(X, y, reference=train_set)``: the rows are X and y; ``reference`` only lends bin edges
        vals = [w.ev(a) for a in node.args] + [w.ev(k.value) for k in node.keywords if k.arg != "reference"]
        return join(*(v for v in vals if v.is_data))
    cls = w.src.cls(f)
    kind = C.kind_of(cls)
    if kind is not None:
        return construct(w, node, cls, kind)
    args = [w.ev(a.value if isinstance(a, ast.Starred) else a) for a in node.args]
    kws = {k.arg: w.ev(k.value) for k in node.keywords}
    data = [v for v in args if v.is_data]
    name = cls or tail
    if name in C.SPLIT_FUNCS:
        ys = [v for v, a in zip(args, node.args) if is_target_name(base_name(a))]
        xs = [v for v, a in zip(args, node.args) if not is_target_name(base_name(a))]
        w.emit("split", "train_test_split", node, join(*xs), extra=join(*ys))
        parts = [
            replace(join(v), roles=(v.roles - {"full", "param", "each"}) | {r}) for v in args for r in ("train", "test")
        ]
        return tuple_val(parts)
    if name in C.CV_FUNCS:
        est = args[0] if args else kws.get("estimator", EMPTY)
        X = args[1] if len(args) > 1 else kws.get("X", EMPTY)
        y = args[2] if len(args) > 2 else kws.get("y", EMPTY)
        w.emit("split", name, node, X, extra=y, obj=est.obj)
        w.emit("metric", name, node, replace(join(X, y), roles=frozenset({"cv"})), obj=est.obj)
        return Val(roles=frozenset({"cv"}))
    if name in C.METRICS:
        w.emit("metric", name, node, join(*data))
        return EMPTY
    if name == "get_dummies":
        src = args[0] if args else kws.get("data", EMPTY)
        w.emit("dummies", name, node, src)
        return replace(join(src), kinds=src.kinds | {"onehot"})
    if name in C.SCALE_FUNCS and args:
        return fitted_output(w, node, args[0], fit(w, node, None, name, "scaler", name, args[0], EMPTY), "scaler")
    if name == "resample" and data:
        ev = fit(w, node, None, "resample", "resampler", "resample", join(*data), EMPTY)
        out = [replace(v, fits=v.fits | {ev}, fresh=False) for v in args]
        return tuple_val(out) if len(out) > 1 else out[0]
    if name == "clip" and args:
        w.emit("clip", name, node, args[0], extra=join(*args[1:], *kws.values()))
        return join(args[0])
    if name in NP_STATS and args and args[0].is_data and dotted(f) and dotted(f).split(".")[0] in ("np", "numpy"):
        return stat(w, node, args[0], name)
    if name == "enumerate" and args:
        return tuple_val((EMPTY, args[0]))
    if name == "zip" and args:
        return tuple_val(args)
    if isinstance(f, ast.Attribute) and recv.is_data:
        if f.attr in ("bfill", "backfill") or (
            f.attr == "fillna" and literal(kwarg(node, "method"), w.src.consts) in ("bfill", "backfill")
        ):
            w.emit("bfill", f.attr, node, recv)
        if f.attr in SUBSET_METHODS and subset_call(node, w.src.consts):
            return w.select_rows(recv, ast.unparse(node), node)
        if f.attr in AGG_METHODS and grouped_target(w, f.value, node):
            return target_stat(w, node, recv, f.attr)
        if f.attr in STAT_METHODS and not windowed(f.value):
            return stat(w, node, recv, f.attr)
        if f.attr == "clip":
            w.emit("clip", "clip", node, recv, extra=join(*args, *kws.values()))
            return join(recv)
        out = join(recv, *data, *(v for v in kws.values() if v.is_data))
        key = dotted(f.value)
        if key and isinstance(kwarg(node, "inplace"), ast.Constant) and kwarg(node, "inplace").value is True:
            w.env[key] = replace(out, roles=recv.roles)
        return out
    if recv.fresh or (not data and is_loader(tail)):
        root = f"{w.src.file}:{node.lineno}:{node.col_offset}"
        role = "test" if root in w.prog.test_roots else "full"
        return Val(roles=frozenset({role}), roots=frozenset({root}), fresh=True)
    return join(recv, *args, *kws.values()) if data or recv.is_data else EMPTY


BOOSTING_MODULES = {"lgb", "lightgbm", "xgb", "xgboost"}
DATASET_WRAPPERS = {"Dataset", "DMatrix", "QuantileDMatrix"}


def functional_train(w: Walker, node: ast.Call) -> Val:
    """``booster = lgb.train(params, lgb.Dataset(X, y))`` / ``xgb.train(params, DMatrix(X, y))``:
    a model fitted on the dataset's rows; ``booster.predict(...)`` is then its prediction."""
    args = [w.ev(a.value if isinstance(a, ast.Starred) else a) for a in node.args]
    kws = {k.arg: w.ev(k.value) for k in node.keywords}
    rows = args[1] if len(args) > 1 else kws.get("train_set", kws.get("dtrain", EMPTY))
    o = Obj("Booster", "model", w.src.loc(node), node)
    fit(w, node, o, o.cls, "model", "train", rows, EMPTY)
    watch(w, node, kws)
    return Val(obj=o)


WATCH_KW = ("valid_sets", "evals", "eval_set", "validation_data")


def watch(w: Walker, node: ast.Call, kws: dict[str | None, Val]) -> None:
    """The rows a training call watches (for early stopping or logging), as a ``watch`` event."""
    seen = [kws[k] for k in WATCH_KW if k in kws and kws[k].is_data]
    if seen:
        w.emit("watch", call_tail(node) or "fit", node, join(*seen))


def construct(w: Walker, node: ast.Call, cls: str, kind: str) -> Val:
    inner = [w.ev(a.value if isinstance(a, ast.Starred) else a) for a in node.args]
    inner += [w.ev(k.value) for k in node.keywords]
    steps = tuple({id(m): m for v in inner for m in ((v.obj,) if v.obj else ()) + v.members}.values())
    return Val(obj=Obj(cls, kind, w.src.loc(node), node, steps))


def fit(w: Walker, node: ast.Call, obj: Obj | None, cls: str, kind: str | None, method: str, X: Val, y: Val):
    start = None
    if obj is not None and not obj.fits and obj.loc.file == w.src.file and obj.loc.function == w.src.function_of(node):
        if 0 <= node.lineno - obj.loc.line <= 3:
            start = obj.node
    arg0 = node.args[0] if node.args else None
    key = None
    if isinstance(arg0, ast.Subscript):
        from .base import subscript_key

        key = subscript_key(arg0, w.src.consts)
    if isinstance(key, (list, tuple)) and len(key) == 1:
        key = key[0]
    target_like = arg0 is not None and (
        is_target_name(base_name(arg0))
        or (isinstance(key, str) and (key in w.prog.target_keys or is_target_name(key)))
        or is_target_name(assigned_to(w, node))
    )
    ev = w.emit(
        "fit", cls, node, X, extra=y, obj=obj, method=method, target_like=target_like, start=start, est_kind=kind
    )
    if obj is not None:
        obj.fits.append(ev)
    return ev


def assigned_to(w: Walker, node: ast.AST) -> str | None:
    """The single name a call's result is assigned to, through ``.ravel()`` and the like."""
    parent = w.src.parent(node)
    while isinstance(parent, (ast.Attribute, ast.Call, ast.Subscript)):
        parent = w.src.parent(parent)
    if isinstance(parent, ast.Assign) and len(parent.targets) == 1 and isinstance(parent.targets[0], ast.Name):
        return parent.targets[0].id
    return None


def fitted_output(w: Walker, node: ast.Call, X: Val, ev, kind: str | None) -> Val:
    kinds = X.kinds | ({kind} if kind else set())
    return Val(roles=X.roles, roots=X.roots, fits=X.fits | {ev}, kinds=kinds, part=X.part)


AGG_METHODS = STAT_METHODS | {"transform", "agg", "aggregate", "apply", "sum", "expanding", "cumsum"}


def grouped_target(w: Walker, recv: ast.expr, call: ast.Call) -> bool:
    """Whether ``recv.<agg>(...)`` aggregates the target per group: ``df.groupby(c)[T]``,
    ``df.groupby(c).T``, ``df.groupby(c).agg({T: "mean"})``."""

    def is_target(key) -> bool:
        if isinstance(key, (list, tuple)) and len(key) == 1:
            key = key[0]
        return isinstance(key, str) and (key in w.prog.target_keys or is_target_name(key))

    def is_groupby(n: ast.AST) -> bool:
        return isinstance(n, ast.Call) and call_tail(n) == "groupby"

    if isinstance(recv, ast.Subscript) and is_groupby(recv.value):
        if isinstance(recv.slice, ast.Name) and is_target_name(recv.slice.id):  # a ``target`` parameter
            return True
        return is_target(literal(recv.slice, w.src.consts))
    if isinstance(recv, ast.Attribute) and is_groupby(recv.value):
        return is_target(recv.attr)
    if isinstance(recv, ast.Call) and is_groupby(recv) and isinstance(recv.func, ast.Attribute):  # target grouped:
        inner = recv.func.value  # ``y.groupby(keys).mean()``, ``df[T].groupby(df[c]).agg(...)``
        if isinstance(inner, ast.Name) and is_target_name(inner.id):
            return True
        if isinstance(inner, ast.Subscript) and is_target(literal(inner.slice, w.src.consts)):
            return True
    if is_groupby(recv):
        for a in list(call.args) + [k.value for k in call.keywords]:
            if isinstance(a, ast.Dict) and any(is_target(literal(k, w.src.consts)) for k in a.keys if k):
                return True
            v = literal(a, w.src.consts)
            if isinstance(v, tuple) and v and is_target(v[0]):
                return True
    return False


def windowed(recv: ast.expr) -> bool:
    """``x.rolling(7).mean()``, ``df.groupby(k)[c].mean()``: a statistic per window or group, not of all rows."""
    while isinstance(recv, (ast.Call, ast.Attribute, ast.Subscript)):
        if isinstance(recv, ast.Call):
            if call_tail(recv) in ("rolling", "expanding", "ewm", "groupby", "resample"):
                return True
            recv = recv.func
        else:
            recv = recv.value
    return False


def target_stat(w: Walker, node: ast.Call, data: Val, name: str) -> Val:
    """A per-group statistic of the target (mean/target encoding done by hand)."""
    ev = fit(w, node, None, f"groupby(...)[target].{name}", "target_stat", name, data, EMPTY)
    ev.target_like = False
    return Val(roles=data.roles, roots=data.roots, fits=data.fits | {ev}, kinds=data.kinds, part=data.part)


def stat(w: Walker, node: ast.Call, data: Val, name: str) -> Val:
    ev = fit(w, node, None, name, "stat", name, data, EMPTY)
    return Val(roles=data.roles, roots=data.roots, fits=data.fits | {ev}, kinds=data.kinds, scalar=True)


def obj_method(w: Walker, node: ast.Call, o: Obj, meth: str) -> Val:
    args = [w.ev(a) for a in node.args]
    kws = {k.arg: w.ev(k.value) for k in node.keywords}
    X = args[0] if args else kws.get("X", EMPTY)
    y = args[1] if len(args) > 1 else kws.get("y", EMPTY)
    kind = o.effective_kind()
    if meth in FIT_METHODS:
        ev = fit(w, node, o, o.cls, kind, meth, X, y)
        watch(w, node, kws)
        if o.kind == "search":
            w.emit("split", o.cls, node, X, extra=y, obj=o)
        if meth == "fit_resample":
            return tuple_val((replace(join(X), fits=X.fits | {ev}), replace(join(y), fits=y.fits | {ev})))
        if meth == "fit_transform":
            return fitted_output(w, node, X, ev, kind)
        if meth == "fit_predict":
            return Val(roles=X.roles, roots=X.roots)
        return Val(obj=o)
    if meth in ("transform", "inverse_transform"):
        w.emit("transform", o.cls, node, X, obj=o)
        extra = {kind} if kind and meth == "transform" else set()
        return replace(join(X), fits=X.fits | frozenset(o.fits[-1:]), kinds=X.kinds | extra)
    if meth in PREDICT_METHODS:
        w.emit("predict", meth, node, X, obj=o)
        return Val(roles=X.roles, roots=X.roots, kinds=X.kinds, fits=X.fits)
    if meth == "score":
        w.emit("predict", meth, node, X, obj=o)
        w.emit("metric", "score", node, join(X, y), obj=o)
        return EMPTY
    if meth == "split" and o.kind == "cv_splitter":
        w.emit("split", o.cls, node, X, extra=y, obj=o)
        return Val(
            parts=(Val(roles=frozenset({"train"}), roots=X.roots), Val(roles=frozenset({"test"}), roots=X.roots))
        )
    if meth in ("set_params", "clone"):
        return Val(obj=o)
    return EMPTY


def unknown_estimator(w: Walker, node: ast.Call, meth: str) -> Val:
    """``model.fit(X, y)`` where ``model`` is a parameter or of an unknown class."""
    args = [w.ev(a) for a in node.args]
    X = args[0] if args else EMPTY
    if meth in PREDICT_METHODS | {"score"}:
        w.emit("predict", meth, node, X)
        if meth == "score":
            w.emit("metric", "score", node, join(*args))
        return Val(roles=X.roles, roots=X.roots, kinds=X.kinds) if meth != "score" else EMPTY
    if meth in FIT_METHODS:
        w.emit(
            "fit",
            "?",
            node,
            X,
            extra=args[1] if len(args) > 1 else EMPTY,
            method=meth,
            est_kind="model" if meth == "fit" else None,
        )
    return join(*args) if meth in ("fit_transform", "fit_resample") else EMPTY


def inline(w: Walker, node: ast.Call, src, fdef: ast.FunctionDef, key: str, selfobj: Obj | None = None) -> Val:
    a = fdef.args
    names = [p.arg for p in a.posonlyargs + a.args]
    if names and names[0] in ("self", "cls") and (selfobj is not None or isinstance(node.func, ast.Attribute)):
        names = names[1:]
    env: dict[str, Val] = {}
    for name, arg in zip(names, node.args):
        if not isinstance(arg, ast.Starred):
            env[name] = w.ev(arg)
    allowed = set(names) | {p.arg for p in a.kwonlyargs}
    for k in node.keywords:
        if k.arg in allowed:
            env[k.arg] = w.ev(k.value)
    w.prog.called.add(key)
    sub = Walker(
        w.prog,
        src,
        w.trace,
        env,
        w.prog.genv.get(src.file),
        w.via + (w.src.loc(node),),
        w.stack + (key,),
        selfobj=selfobj,
    )
    out = sub.run(fdef.body)
    for name, arg in zip(names, node.args, strict=False):  # ``df[c] = ...`` inside the callee changes the caller's df
        if isinstance(arg, ast.Name) and name in sub.mutated and name not in sub.rebound:
            old, new = w.lookup(arg.id), sub.env.get(name, EMPTY)
            if old.is_data and new.fits - old.fits:
                w.store(arg.id, replace(old, fits=old.fits | new.fits, kinds=old.kinds | new.kinds))
    return out
