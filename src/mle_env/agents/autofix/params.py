"""Fixers for hyper-parameters (``HPARAMS``, ``fix_hparams``) and class imbalance (``fix_imbalance``)."""

from __future__ import annotations

import ast
import re

from mle_env.agents.detectors import Finding
from mle_env.agents.detectors.base import call_tail, kwarg, literal

from .edit import Text, ctor_at, drop_kwarg, set_kwarg

BALANCEABLE = re.compile(
    r"^(LogisticRegression|SVC|LinearSVC|RidgeClassifier|SGDClassifier|DecisionTreeClassifier|"
    r"RandomForestClassifier|ExtraTreesClassifier|HistGradientBoostingClassifier|LGBMClassifier)$"
)


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
