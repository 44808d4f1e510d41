"""OVERFITTING and UNDERFITTING: model capacity far from what the data supports, or a score
measured on the rows the model was trained on.

OVERFITTING rules
    unpruned-tree        a single decision tree with no depth/leaf limit (explicit
                         ``max_depth=None`` is more telling than the default)
    deep-boosting        boosted trees with ``max_depth`` >= 12
    weak-regularisation  ``C`` >= 1e3, ``alpha`` ~ 0, ``penalty=None``, RBF ``gamma`` >= 50
    knn-k1               ``n_neighbors=1`` (2 is a hint)
    high-degree-poly     ``PolynomialFeatures(degree>=6)`` / ``np.polyfit(..., deg>=6)``
    huge-mlp             hidden layers of >= 512 units, no early stopping, default alpha
    eval-on-train        the only reported scores are computed on the training rows
UNDERFITTING rules
    stump                a tree / forest with ``max_depth=1`` (2 is a hint) or 2 leaves
    too-few-estimators   boosting with ``n_estimators`` <= 5
    strong-regularisation ``C`` <= 1e-3, ``alpha`` >= 100 (Lasso >= 10), tiny learning rate
    too-few-iterations   ``max_iter`` <= 5 (MLP <= 20)
    tiny-network         an MLP whose hidden layers have <= 2 units
    too-few-features     ``SelectKBest(k=1)``, ``PCA(n_components=1)``, …
    linear-on-nonlinear  only linear models on moons/circles or a sin/exp/x² target
"""

from __future__ import annotations

import ast

from . import catalog as C
from .base import Finding, finding, kwarg, literal, number
from .data import Evidence
from .program import Analysis
from .source import Source

WRAPPERS = {
    "AdaBoostClassifier",
    "AdaBoostRegressor",
    "BaggingClassifier",
    "BaggingRegressor",
    "SelectFromModel",
    "RFE",
    "RFECV",
    "SequentialFeatureSelector",
    "IsolationForest",
}
OVER, UNDER = "OVERFITTING", "UNDERFITTING"


def grid_params(an: Analysis) -> set[str]:
    """Hyper-parameters a search tunes: then a fixed value in the constructor is not the choice."""
    out: set[str] = set()
    for src in an.sources:
        for node in src.nodes:
            if isinstance(node, ast.Dict):
                keys = [literal(k) for k in node.keys if k is not None]
                if (
                    keys
                    and all(isinstance(k, str) for k in keys)
                    and any(isinstance(v, (ast.List, ast.Tuple)) for v in node.values)
                ):
                    out |= {k.split("__")[-1] for k in keys}
    return out


def is_base_learner(src: Source, call: ast.Call) -> bool:
    parent = src.parent(call)
    if isinstance(parent, ast.Assign) and isinstance(parent.targets[0], ast.Name):  # stump = Tree(); Ada(stump)
        name = parent.targets[0].id
        return any(src.cls(c.func) in WRAPPERS and any(isinstance(a, ast.Name) and a.id == name for a in
                   [*c.args, *(k.value for k in c.keywords)]) for c in src.calls())  # fmt: skip
    if isinstance(parent, ast.keyword):
        parent = src.parent(parent)
    return isinstance(parent, ast.Call) and src.cls(parent.func) in WRAPPERS


def check(an: Analysis, data: Evidence | None = None) -> list[Finding]:
    out: list[Finding] = []
    tuned = grid_params(an)
    values = Values(an)
    for cls, uses in an.classes.items():
        for src, call in uses:
            if not is_base_learner(src, call):
                ctor = Ctor(src, call, tuned, out, values)
                model_rules(cls, call, ctor.num, ctor.add, tuned, src)
    from .generalisation import adjust  # data-aware second look (partial_fit loops, small data)

    return adjust(an, data, out)


class Ctor:
    """One constructor call: its numeric arguments, and where its findings go."""

    def __init__(self, src: Source, call: ast.Call, tuned: set[str], out: list[Finding], values: Values | None = None):
        self.src, self.call, self.tuned, self.out = src, call, tuned, out
        self.values = values

    def num(self, name: str, pos: int | None = None) -> float | None:
        """A numeric argument, by keyword or position; None when unknown or tuned by a search."""
        if name in self.tuned:
            return None
        node = kwarg(self.call, name)
        if node is None and pos is not None and len(self.call.args) > pos:
            node = self.call.args[pos]
        if node is None:  # Model(**PARAMS) with a dict literal / dict(...) defined in the file
            node = next((v for k in self.call.keywords if k.arg is None for v in [spread(self.src, k.value, name)]
                         if v is not None), None)  # fmt: skip
        v = number(node, self.src.consts)
        if v is None and node is not None and self.values is not None:
            v = self.values.number(self.src, node)
        return v

    def add(self, code: str, rule: str, conf: float, msg: str, fix: str) -> None:
        self.out.append(finding(code, rule, self.src.loc(self.call), msg, conf, fix))


class Values:
    """Numbers behind names a constructor is given: a local ``k = 3``, a parameter's default
    (``def make(C=0.01)``), the argument every call site passes, an argparse default
    (``args.neighbours`` from ``add_argument("--neighbours", default=1)``)."""

    def __init__(self, an: Analysis):
        self.defs: dict[str, list[tuple[Source, ast.FunctionDef]]] = {}
        self.calls: dict[str, list[tuple[Source, ast.Call]]] = {}
        self.argparse: dict[str, ast.expr] = {}
        for src in an.sources:
            for n in src.nodes:
                if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    self.defs.setdefault(n.name, []).append((src, n))  # type: ignore[arg-type]
                elif isinstance(n, ast.Call) and (name := src.cls(n.func)):
                    self.calls.setdefault(name, []).append((src, n))
                    if name == "add_argument" and n.args and isinstance(literal(n.args[0]), str):
                        default = kwarg(n, "default")
                        if default is not None:
                            self.argparse[literal(n.args[0]).lstrip("-").replace("-", "_")] = default

    def number(self, src: Source, node: ast.AST, depth: int = 0) -> float | None:
        v = number(node, src.consts)
        if v is not None or depth > 4:
            return v
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.attr in self.argparse:
            return self.number(src, self.argparse[node.attr], depth + 1)
        if not isinstance(node, ast.Name):
            return None
        fdef = enclosing_def(src, node)
        if fdef is None:
            return None
        local = [
            st.value
            for st in ast.walk(fdef)
            if isinstance(st, ast.Assign)
            and st.lineno < node.lineno
            and any(isinstance(t, ast.Name) and t.id == node.id for t in st.targets)
        ]
        if local:
            return self.number(src, local[-1], depth + 1)
        a = fdef.args
        pos = [p.arg for p in a.posonlyargs + a.args]
        if node.id not in pos:
            return None
        i = pos.index(node.id)
        found = set()
        for csrc, call in self.calls.get(fdef.name, []):
            offset = 1 if pos and pos[0] in ("self", "cls") else 0
            arg = kwarg(call, node.id)
            if arg is None and len(call.args) > i - offset >= 0:
                arg = call.args[i - offset]
            if arg is None:
                first_default = len(pos) - len(a.defaults)
                arg = a.defaults[i - first_default] if i >= first_default else None
                csrc = src
            if arg is None:
                return None
            found.add(self.number(csrc, arg, depth + 1))
        if not found:  # never called in the project: its default
            first_default = len(pos) - len(a.defaults)
            return self.number(src, a.defaults[i - first_default], depth + 1) if i >= first_default else None
        return found.pop() if len(found) == 1 else None


def spread(src: Source, node: ast.expr, key: str) -> ast.expr | None:
    """The value of ``key`` in the dict a ``**name`` argument unpacks (last assignment in the file)."""
    if not isinstance(node, ast.Name):
        return None
    defs = [st.value for st in src.nodes if isinstance(st, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == node.id for t in st.targets)]  # fmt: skip
    d = defs[-1] if defs else None
    if isinstance(d, ast.Dict):
        return next((v for k, v in zip(d.keys, d.values, strict=False) if literal(k) == key), None)
    if isinstance(d, ast.Call) and isinstance(d.func, ast.Name) and d.func.id == "dict":
        return kwarg(d, key)
    return None


def share_of_rows(node: ast.AST, src: Source) -> bool:
    """``len(y) // 3`` (also through a local name): a k that is a large fraction of the rows."""
    if isinstance(node, ast.Name):
        fdef = enclosing_def(src, node)
        assigns = [
            st.value
            for st in ast.walk(fdef if fdef is not None else src.tree)
            if isinstance(st, ast.Assign) and any(isinstance(t, ast.Name) and t.id == node.id for t in st.targets)
        ]
        node = assigns[-1] if assigns else node
    for b in ast.walk(node):
        if isinstance(b, ast.BinOp) and isinstance(b.op, (ast.FloorDiv, ast.Div)):
            d = number(b.right)
            if (
                d is not None
                and 1 < d <= 20
                and any(isinstance(c, ast.Call) and src.cls(c.func) == "len" for c in ast.walk(b.left))
            ):
                return True
    return False


def enclosing_def(src: Source, node: ast.AST) -> ast.FunctionDef | None:
    p = src.parent(node)
    while p is not None and not isinstance(p, (ast.FunctionDef, ast.AsyncFunctionDef)):
        p = src.parent(p)
    return p  # type: ignore[return-value]


def model_rules(cls, call, num, add, tuned, src) -> None:  # noqa: C901 - one table of thresholds
    depth, leaves = num("max_depth"), num("max_leaf_nodes")
    explicit_none = isinstance(kwarg(call, "max_depth"), ast.Constant) and kwarg(call, "max_depth").value is None
    if cls in C.TREES and "max_depth" not in tuned:
        limits = [depth, leaves, num("ccp_alpha"), num("min_impurity_decrease")]
        leaf, split = num("min_samples_leaf"), num("min_samples_split")
        if all(v is None or v == 0 for v in limits) and (leaf is None or leaf == 1) and (split is None or split <= 2):
            add(
                OVER,
                "unpruned-tree",
                0.55 if explicit_none else 0.45,
                f"{cls} has no depth or leaf limit: it grows until every training row is fit, memorising noise.",
                f"Limit the tree ({cls}(max_depth=5, min_samples_leaf=5)) or tune max_depth by cross-validation.",
            )
    if cls in C.FORESTS and explicit_none and num("min_samples_leaf") == 1:
        add(
            OVER,
            "unpruned-tree",
            0.35,
            f"{cls} is explicitly unbounded (max_depth=None, min_samples_leaf=1).",
            "Set max_depth / min_samples_leaf (or tune them by cross-validation).",
        )
    if cls in C.BOOSTING and depth is not None and depth >= 12:
        add(
            OVER,
            "deep-boosting",
            0.55,
            f"{cls} boosts very deep trees (max_depth={depth:g}).",
            f"Use shallow trees for boosting ({cls}(max_depth=3)).",
        )
    c = num("C")
    if cls in C.LINEAR | C.SVM and c is not None:
        if c >= 1e3:
            add(
                OVER,
                "weak-regularisation",
                0.7 if c >= 1e4 else 0.5,
                f"{cls}(C={c:g}) practically switches regularisation off, so the model fits the training noise.",
                "Use a moderate C (the default 1.0) or tune C by cross-validation.",
            )
        elif c <= 1e-2:
            kernel = cls in ("SVC", "SVR", "NuSVC", "NuSVR") and literal(kwarg(call, "kernel")) in ("rbf", ..., "poly")
            add(
                UNDER,
                "strong-regularisation",
                0.65 if c <= 1e-3 else 0.55 if kernel else 0.45,
                f"{cls}(C={c:g}) regularises so strongly that the coefficients are pushed to ~0: the model underfits.",
                "Use a moderate C (the default 1.0) or tune C by cross-validation.",
            )
    alpha = num("alpha")
    if alpha is not None and cls in C.LINEAR | C.MLP:
        strong = (
            10
            if cls in ("Lasso", "ElasticNet", "MLPClassifier", "MLPRegressor")
            else 1
            if cls.startswith("SGD")
            else 100
        )
        if alpha >= strong:
            add(
                UNDER,
                "strong-regularisation",
                0.6,
                f"{cls}(alpha={alpha:g}) regularises so strongly that the model can barely fit the data.",
                "Use a small alpha or tune alpha by cross-validation.",
            )
        elif alpha <= 1e-8 and cls not in C.MLP:
            add(
                OVER,
                "weak-regularisation",
                0.5,
                f"{cls}(alpha={alpha:g}) has no regularisation at all.",
                "Use a positive alpha tuned by cross-validation.",
            )
    pen = kwarg(call, "penalty")
    if cls.startswith("LogisticRegression") and pen is not None and literal(pen) in (None, "none"):
        add(OVER, "weak-regularisation", 0.45, f"{cls}(penalty=None) is unregularised.", "Keep the default L2 penalty.")
    gamma = num("gamma")
    if cls in C.SVM and gamma is not None:
        if gamma >= 50:
            add(
                OVER,
                "weak-regularisation",
                0.65,
                f"{cls}(gamma={gamma:g}): an RBF kernel this narrow memorises each training point.",
                "Use gamma='scale' or tune gamma by cross-validation.",
            )
        elif gamma <= 1e-5:
            add(
                UNDER,
                "strong-regularisation",
                0.5,
                f"{cls}(gamma={gamma:g}): the kernel is nearly flat.",
                "Use gamma='scale' or tune gamma by cross-validation.",
            )
    k = num("n_neighbors", 0)
    k_node = kwarg(call, "n_neighbors") or (call.args[0] if call.args else None)
    if cls in C.KNN and k is None and k_node is not None and share_of_rows(k_node, src):
        add(
            UNDER,
            "knn-k-share-of-rows",
            0.6,
            f"{cls} votes over a fixed share of all training rows (n_neighbors grows with len()): the "
            "neighbourhood spans most of the data and every prediction drifts to the majority.",
            "Use a small n_neighbors (5-30) tuned by cross-validation.",
        )
    if cls in C.KNN and k is not None and k <= 2:
        add(
            OVER,
            "knn-k1",
            0.65 if k == 1 else 0.4,
            f"{cls}(n_neighbors={k:g}) follows single training points, noise included.",
            "Use more neighbours (e.g. 5-15) or tune n_neighbors by cross-validation.",
        )
    if cls == "PolynomialFeatures" or (cls == "polyfit" and len(call.args) >= 3):
        d = num("degree", 0) if cls == "PolynomialFeatures" else num("deg", 2)
        if d is not None and d >= 6:
            add(
                OVER,
                "high-degree-poly",
                0.8 if d >= 10 else 0.6,
                f"a degree-{d:g} polynomial has enough freedom to pass through the noise of the training points.",
                "Use a low degree (2-3) with regularisation.",
            )
    layers = literal(kwarg(call, "hidden_layer_sizes"), src.consts)
    layers = (layers,) if isinstance(layers, int) else tuple(layers) if isinstance(layers, list) else layers
    if cls in C.MLP and isinstance(layers, tuple) and layers and all(isinstance(x, int) for x in layers):
        early = literal(kwarg(call, "early_stopping")) is True
        if (max(layers) >= 512 or sum(layers) >= 1000) and not early and (alpha is None or alpha <= 1e-4):
            add(
                OVER,
                "huge-mlp",
                0.55,
                f"{cls}(hidden_layer_sizes={layers}) has far more parameters than a small "
                "tabular dataset supports, with no early stopping and minimal regularisation.",
                "Use a smaller network, early_stopping=True and a larger alpha.",
            )
        if max(layers) <= 2:
            add(
                UNDER,
                "tiny-network",
                0.55,
                f"{cls}(hidden_layer_sizes={layers}) is too small to learn anything beyond a near-linear boundary.",
                "Use wider hidden layers (e.g. (64, 32)).",
            )
    if cls in C.TREES | C.FORESTS and (depth == 1 or leaves == 2):
        add(
            UNDER,
            "stump",
            0.65,
            f"{cls} is limited to a single split (max_depth=1): it cannot capture the structure of the data.",
            f"Allow deeper trees ({cls}(max_depth=None or 5+)), tuned by cross-validation.",
        )
    elif cls in C.TREES | C.FORESTS and depth == 2:
        add(UNDER, "stump", 0.4, f"{cls}(max_depth=2) is very shallow.", "Allow deeper trees, tuned by CV.")
    n_est = num("n_estimators")
    if cls in C.BOOSTING and n_est is not None and n_est <= 5:
        add(
            UNDER,
            "too-few-estimators",
            0.6,
            f"{cls}(n_estimators={n_est:g}) stops after a handful of boosting rounds.",
            "Use many more estimators (100+) or early stopping.",
        )
    lr = num("learning_rate")
    if cls in C.BOOSTING and n_est is not None and 5 < n_est <= 50 and lr is not None and n_est * lr < 1.5:
        add(
            UNDER,
            "too-few-estimators",
            0.6,
            f"{cls}(n_estimators={n_est:g}, learning_rate={lr:g}): the boosting rounds times the step size "
            f"({n_est * lr:g}) move the prediction only part of the way from the mean to the data.",
            "Use many more rounds for this learning rate (n_estimators in the hundreds, or early stopping).",
        )
    if cls in C.BOOSTING and lr is not None and lr <= 1e-3 and (n_est or 100) <= 500:
        add(
            UNDER,
            "strong-regularisation",
            0.55,
            f"{cls}(learning_rate={lr:g}) barely moves from the initial prediction in the given number of rounds.",
            "Use learning_rate around 0.05-0.1.",
        )
    it = num("max_iter")
    if it is not None and cls in C.LINEAR | C.MLP | {"KMeans"} and (it <= 5 or (cls in C.MLP and it <= 20)):
        add(
            UNDER,
            "too-few-iterations",
            0.6 if it <= 5 else 0.5,
            f"{cls}(max_iter={it:g}) stops the optimiser long before it converges.",
            "Use the default max_iter (or larger) and check convergence warnings.",
        )
    keep = {
        "SelectKBest": num("k", 1),
        "SelectPercentile": num("percentile", 1),
        "PCA": num("n_components", 0),
        "TruncatedSVD": num("n_components", 0),
        "RFE": num("n_features_to_select", 1),
    }.get(cls)
    if keep is not None and (keep == 1 or (cls == "SelectPercentile" and keep <= 2)):
        add(
            UNDER,
            "too-few-features",
            0.5,
            f"{cls} keeps a single feature (or {keep:g}%), throwing away most of the information.",
            "Keep more features, choosing how many by cross-validation.",
        )
